package dev.ensemu.server.seed;

import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ensemu.server.domain.AccessKey;
import dev.ensemu.server.domain.Account;
import dev.ensemu.server.domain.ActionPattern;
import dev.ensemu.server.domain.ExportStatus;
import dev.ensemu.server.domain.Image;
import dev.ensemu.server.domain.OwnerAlias;
import dev.ensemu.server.domain.SecurityToken;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The seed format both ways: a document in it (a seed file, a saved state, a control-plane image)
 * becomes domain records, and records become such a document. The document is read from Jackson's
 * tree field by field (strictly: no unknown fields, no numbers for text), each value checked as it
 * becomes a domain record; records are written through the {@link SeedFile} records. Every problem
 * is reported as one line: the source, the path of the field, and what is wrong.
 */
public final class SeedCodec {
    private static final int MAX_TEXT = 128;
    private static final Set<String> LONG_FIELDS = Set.of("ExportedImageURL", "secret", "securityToken");
    static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final List<String> FILE_FIELDS = List.of("accounts");
    private static final List<String> ACCOUNT_FIELDS = List.of("accessKeys", "actions", "id", "images");
    private static final List<String> KEY_FIELDS = List.of("expiration", "id", "secret", "securityToken", "status");
    private static final List<String> IMAGE_FIELDS = List.of("Architecture", "CreationTime", "ExportedImageURL", "ImageExportStatus",
            "ImageId", "ImageName", "ImageOwnerAlias", "Platform");

    private final String source;
    // Names, platforms and architectures repeat across images: one copy each keeps large catalogs small.
    private final Map<String, String> sharedStrings = new HashMap<>();

    private SeedCodec(String source) {
        this.source = source;
    }

    /** The accounts of a whole document in the seed format, read by {@code mapper} (JSON or YAML); errors name {@code source}. */
    static List<Account> read(ObjectMapper mapper, byte[] bytes, String source) {
        SeedCodec codec = new SeedCodec(source);
        return codec.accounts(codec.file(codec.parse(() -> mapper.readTree(bytes))));
    }

    /**
     * The accounts of a tree that holds an {@code accounts} list (a seed, or a saved state).
     *
     * @param source how errors name the document, e.g. {@code state file /data/state.json}
     */
    public static List<Account> accountsFromTree(JsonNode root, String source) {
        SeedCodec loader = new SeedCodec(source);
        return loader.accounts(loader.file(root));
    }

    /** One image in seed form (ENS field names), validated; errors name {@code source} and the field. */
    public static Image imageFromTree(JsonNode node, String source) {
        SeedCodec loader = new SeedCodec(source);
        SeedFile.SeedImage image = loader.seedImage(node, "");
        if (image == null) {
            throw loader.fail("", "must be an object");
        }
        return loader.image(image, "");
    }

    /** Accounts in seed form, so a saved state reads back with the same rules. */
    public static ObjectNode toTree(List<Account> accounts) {
        return JSON.valueToTree(new SeedFile(accounts.stream().map(account -> new SeedFile.SeedAccount(account.id(),
                account.accessKeys().stream().map(SeedCodec::seedKey).toList(),
                account.allowedActions().stream().sorted().toList(),
                account.images().stream().map(SeedCodec::seedImage).toList())).toList()));
    }

    public static ObjectNode imageTree(Image image) {
        return JSON.valueToTree(seedImage(image));
    }

    private static SeedFile.SeedKey seedKey(AccessKey key) {
        return new SeedFile.SeedKey(key.id(), key.secret(), key.active() ? null : "Inactive",
                key.securityToken().map(SecurityToken::value).orElse(null),
                key.securityToken().map(token -> token.expiration().toString()).orElse(null));
    }

    private static SeedFile.SeedImage seedImage(Image image) {
        return new SeedFile.SeedImage(image.imageId(), image.imageName(), image.creationTime().toString(), image.architecture(),
                image.platform(), image.ownerAlias().ensName(), image.exportStatus().ensName(),
                image.exportedImageUrl().map(URI::toString).orElse(null));
    }

    private interface Parsing {
        JsonNode parse() throws IOException;
    }

    /** The document's tree; a syntax error is one line naming the source. */
    private JsonNode parse(Parsing parsing) {
        try {
            return parsing.parse();
        } catch (StreamReadException e) {
            throw fail("", "is not well-formed: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw fail("", "cannot be read: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }

    // The tree as the seed's records: names and shapes are checked here (an unknown field, a number
    // where text belongs), the values where the records become domain records. Read by hand rather
    // than bound by Jackson, whose first binding of these records took ~70 ms of every start.

    private SeedFile file(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw fail("", "must hold an object with an \"accounts\" list");
        }
        known(root, "", FILE_FIELDS);
        return new SeedFile(list(root, "", "accounts", this::seedAccount));
    }

    private SeedFile.SeedAccount seedAccount(JsonNode node, String at) {
        if (!known(node, at, ACCOUNT_FIELDS)) {
            return null;
        }
        return new SeedFile.SeedAccount(string(node, at, "id"), list(node, at, "accessKeys", this::seedKey),
                list(node, at, "actions", this::element), list(node, at, "images", this::seedImage));
    }

    private SeedFile.SeedKey seedKey(JsonNode node, String at) {
        if (!known(node, at, KEY_FIELDS)) {
            return null;
        }
        return new SeedFile.SeedKey(string(node, at, "id"), string(node, at, "secret"), string(node, at, "status"),
                string(node, at, "securityToken"), string(node, at, "expiration"));
    }

    private SeedFile.SeedImage seedImage(JsonNode node, String at) {
        if (!known(node, at, IMAGE_FIELDS)) {
            return null;
        }
        return new SeedFile.SeedImage(string(node, at, "ImageId"), string(node, at, "ImageName"), string(node, at, "CreationTime"),
                string(node, at, "Architecture"), string(node, at, "Platform"), string(node, at, "ImageOwnerAlias"),
                string(node, at, "ImageExportStatus"), string(node, at, "ExportedImageURL"));
    }

    /** False for null (reported where an object is required); an object with a field not in {@code fields} fails. */
    private boolean known(JsonNode node, String at, List<String> fields) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isObject()) {
            throw fail(at, "must be an object");
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!fields.contains(name)) {
                throw fail(path(at, name), "is not a known field (known: " + String.join(", ", fields) + ")");
            }
        });
        return true;
    }

    private String string(JsonNode node, String at, String field) {
        return element(node.get(field), path(at, field));
    }

    private String element(JsonNode value, String at) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw fail(at, "must be a string");
        }
        return value.textValue();
    }

    private <T> List<T> list(JsonNode node, String at, String field, Reader<JsonNode, T> element) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw fail(path(at, field), "must be a list");
        }
        List<T> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            items.add(element.read(value.get(i), path(at, field) + "[" + i + "]"));
        }
        return items;
    }

    private List<Account> accounts(SeedFile file) {
        if (file == null) {
            throw fail("", "must hold an object with an \"accounts\" list");
        }
        if (file.accounts() == null || file.accounts().isEmpty()) {
            throw fail("accounts", "must be a non-empty list");
        }
        List<Account> result = new ArrayList<>();
        Set<String> accountIds = new HashSet<>();
        Set<String> keyIds = new HashSet<>();
        for (int i = 0; i < file.accounts().size(); i++) {
            String at = "accounts[" + i + "]";
            Account account = account(file.accounts().get(i), at);
            if (!accountIds.add(account.id())) {
                throw fail(at + ".id", "repeats account " + account.id());
            }
            for (int k = 0; k < account.accessKeys().size(); k++) {
                if (!keyIds.add(account.accessKeys().get(k).id())) {
                    throw fail(at + ".accessKeys[" + k + "].id", "repeats an AccessKeyId declared before");
                }
            }
            result.add(account);
        }
        return result;
    }

    private Account account(SeedFile.SeedAccount account, String at) {
        requireObject(account, at);
        String id = text(at, "id", account.id(), true);
        List<AccessKey> keys = list(at, "accessKeys", account.accessKeys(), true, this::accessKey);
        Set<String> actions = account.actions() == null ? Set.of(Account.EVERY_ENS_ACTION)
                : new LinkedHashSet<>(list(at, "actions", account.actions(), true, (action, actionAt) -> {
                    try {
                        return ActionPattern.requireWellFormed(action);
                    } catch (IllegalArgumentException malformed) {
                        throw fail(actionAt, malformed.getMessage());
                    }
                }));
        List<Image> images = list(at, "images", account.images(), false, this::image);
        Set<String> imageIds = new HashSet<>();
        for (int i = 0; i < images.size(); i++) {
            if (!imageIds.add(images.get(i).imageId())) {
                throw fail(at + ".images[" + i + "].ImageId", "repeats ImageId " + images.get(i).imageId());
            }
        }
        return new Account(id, keys, actions, images);
    }

    /** A key: id and secret; optionally {@code status} Active/Inactive, and for STS credentials {@code securityToken} with {@code expiration}. */
    private AccessKey accessKey(SeedFile.SeedKey key, String at) {
        requireObject(key, at);
        String id = text(at, "id", key.id(), true);
        String secret = text(at, "secret", key.secret(), true);
        boolean active = key.status() == null || parse(at, "status", key.status(), "Active or Inactive", v -> switch (v) {
            case "Active" -> true;
            case "Inactive" -> false;
            default -> throw new IllegalArgumentException(v);
        });
        String token = text(at, "securityToken", key.securityToken(), false);
        if (token == null && key.expiration() != null) {
            throw fail(path(at, "expiration"), "is only for temporary credentials, which need a securityToken");
        }
        Optional<SecurityToken> sts = Optional.empty();
        if (token != null) {
            if (key.expiration() == null) {
                throw fail(path(at, "expiration"), "is required with a securityToken (a UTC time such as 2030-01-01T00:00:00Z)");
            }
            sts = Optional.of(new SecurityToken(token,
                    parse(at, "expiration", key.expiration(), "a UTC time such as 2030-01-01T00:00:00Z", Instant::parse)));
        }
        return new AccessKey(id, secret, active, sts);
    }

    private Image image(SeedFile.SeedImage node, String at) {
        requireObject(node, at);
        String id = text(at, "ImageId", node.imageId(), true);
        String name = shared(text(at, "ImageName", node.imageName(), true));
        Instant created = parse(at, "CreationTime", node.creationTime(), "a UTC time such as 2024-05-20T08:00:00Z", Instant::parse);
        String architecture = shared(text(at, "Architecture", node.architecture(), true));
        String platform = shared(text(at, "Platform", node.platform(), true));
        OwnerAlias alias = parse(at, "ImageOwnerAlias", node.imageOwnerAlias(), "system or self",
                v -> OwnerAlias.fromEnsName(v).orElseThrow(IllegalArgumentException::new));
        ExportStatus status = parse(at, "ImageExportStatus", node.imageExportStatus(), "Unexported, Exporting, Exported or ExportError",
                v -> ExportStatus.fromEnsName(v).orElseThrow(IllegalArgumentException::new));
        Optional<URI> url = Optional.ofNullable(text(at, "ExportedImageURL", node.exportedImageUrl(), false))
                .filter(u -> !u.isEmpty())
                .map(u -> parse(at, "ExportedImageURL", u, "an absolute URL", SeedCodec::absoluteUri));
        if (status == ExportStatus.EXPORTED && url.isEmpty()) {
            throw fail(path(at, "ExportedImageURL"), "is required when ImageExportStatus is Exported");
        }
        if (status != ExportStatus.EXPORTED && url.isPresent()) {
            throw fail(path(at, "ExportedImageURL"), "must be absent unless ImageExportStatus is Exported");
        }
        return new Image(id, name, created, architecture, platform, alias, status, url);
    }

    private String shared(String value) {
        return sharedStrings.computeIfAbsent(value, v -> v);
    }

    private static URI absoluteUri(String value) {
        try {
            URI uri = new URI(value);
            if (!uri.isAbsolute()) {
                throw new IllegalArgumentException(value);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(value, e);
        }
    }

    private interface Reader<T, R> {
        R read(T item, String at);
    }

    private <T, R> List<R> list(String at, String field, List<T> items, boolean required, Reader<T, R> reader) {
        if (items == null) {
            if (required) {
                throw fail(path(at, field), "must be a list");
            }
            return List.of();
        }
        List<R> read = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            read.add(reader.read(items.get(i), path(at, field) + "[" + i + "]"));
        }
        return read;
    }

    private String text(String at, String field, String value, boolean required) {
        if (value == null) {
            if (required) {
                throw fail(path(at, field), "is required");
            }
            return null;
        }
        if (required && value.isBlank()) {
            throw fail(path(at, field), "must not be empty");
        }
        if (value.length() > MAX_TEXT && !LONG_FIELDS.contains(field)) {
            throw fail(path(at, field), "is longer than " + MAX_TEXT + " characters");
        }
        return value;
    }

    private <T> T parse(String at, String field, String given, String expected, Function<String, T> parser) {
        String value = text(at, field, given, true);
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw fail(path(at, field), "must be " + expected + ", not \"" + value + "\"");
        }
    }

    private void requireObject(Object item, String at) {
        if (item == null) {
            throw fail(at, "must be an object");
        }
    }

    private static String path(String at, String field) {
        return at.isEmpty() ? field : at + "." + field;
    }

    private SeedException fail(String field, String problem) {
        return new SeedException(source + (field.isEmpty() ? "" : ": " + field) + ": " + problem);
    }
}
