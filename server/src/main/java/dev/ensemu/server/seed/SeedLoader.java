package dev.ensemu.server.seed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ensemu.server.domain.AccessKey;
import dev.ensemu.server.domain.Account;
import dev.ensemu.server.domain.ExportStatus;
import dev.ensemu.server.domain.Image;
import dev.ensemu.server.domain.OwnerAlias;
import dev.ensemu.server.domain.SecurityToken;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a seed file (JSON, or YAML by its .yaml/.yml name) into accounts. Image fields use the ENS
 * names (ImageId, CreationTime, ...) so a seed can be pasted from a real answer. Every problem is
 * reported as one line: file, the path of the field, and what is wrong.
 */
public final class SeedLoader {
    public static final String BUNDLED = "default-seed.json";
    private static final int MAX_TEXT = 128;

    private final String source;
    // Names, platforms and architectures repeat across images: one copy each keeps large catalogs small.
    private final Map<String, String> sharedStrings = new HashMap<>();

    private SeedLoader(String source) {
        this.source = source;
    }

    /** The bundled development seed with its well-known keys. */
    public static List<Account> bundled() {
        try (InputStream in = SeedLoader.class.getResourceAsStream("/dev/ensemu/server/" + BUNDLED)) {
            return new SeedLoader("bundled " + BUNDLED).read(new JsonMapper(), in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException("the bundled seed is part of the jar", e);
        }
    }

    public static List<Account> load(Path file) {
        SeedLoader loader = new SeedLoader("seed file " + file);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SeedException(loader.source + ": cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".yaml") || name.endsWith(".yml") ? new YAMLMapper() : new JsonMapper();
        return loader.read(mapper, bytes);
    }

    private List<Account> read(ObjectMapper mapper, byte[] bytes) {
        JsonNode root;
        try {
            root = mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw fail("", "is not well-formed: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw fail("", "cannot be parsed: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw fail("", "must hold an object with an \"accounts\" list");
        }
        onlyFields(root, "", Set.of("accounts"));
        return accounts(root);
    }

    /**
     * The accounts of a tree that holds an {@code accounts} list (a seed, or a saved state).
     *
     * @param source how errors name the document, e.g. {@code state file /data/state.json}
     */
    public static List<Account> accountsFromTree(JsonNode root, String source) {
        return new SeedLoader(source).accounts(root);
    }

    /** One image in seed form (ENS field names), validated; errors name {@code source} and the field. */
    public static Image imageFromTree(JsonNode node, String source) {
        return new SeedLoader(source).image(node, "");
    }

    /** Accounts in seed form, so a saved state reads back with the same rules. */
    public static ObjectNode toTree(List<Account> accounts) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode list = root.putArray("accounts");
        for (Account account : accounts) {
            ObjectNode node = list.addObject().put("id", account.id());
            ArrayNode keys = node.putArray("accessKeys");
            account.accessKeys().forEach(k -> {
                ObjectNode key = keys.addObject().put("id", k.id()).put("secret", k.secret());
                if (!k.active()) {
                    key.put("status", "Inactive");
                }
                k.securityToken().ifPresent(token -> key.put("securityToken", token.value()).put("expiration", token.expiration().toString()));
            });
            ArrayNode actions = node.putArray("actions");
            account.allowedActions().stream().sorted().forEach(actions::add);
            ArrayNode images = node.putArray("images");
            account.images().forEach(image -> images.add(imageTree(image)));
        }
        return root;
    }

    public static ObjectNode imageTree(Image image) {
        ObjectNode node = JsonNodeFactory.instance.objectNode()
                .put("ImageId", image.imageId())
                .put("ImageName", image.imageName())
                .put("CreationTime", image.creationTime().toString())
                .put("Architecture", image.architecture())
                .put("Platform", image.platform())
                .put("ImageOwnerAlias", image.ownerAlias().ensName())
                .put("ImageExportStatus", image.exportStatus().ensName());
        image.exportedImageUrl().ifPresent(url -> node.put("ExportedImageURL", url.toString()));
        return node;
    }

    private List<Account> accounts(JsonNode root) {
        JsonNode accounts = root.get("accounts");
        if (accounts == null || !accounts.isArray() || accounts.isEmpty()) {
            throw fail("accounts", "must be a non-empty list");
        }
        List<Account> result = new ArrayList<>();
        Set<String> accountIds = new HashSet<>();
        Set<String> keyIds = new HashSet<>();
        for (int i = 0; i < accounts.size(); i++) {
            String at = "accounts[" + i + "]";
            Account account = account(accounts.get(i), at);
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

    private Account account(JsonNode node, String at) {
        requireObject(node, at);
        onlyFields(node, at, Set.of("id", "accessKeys", "actions", "images"));
        String id = text(node, at, "id", true);
        List<AccessKey> keys = list(node, at, "accessKeys", this::accessKey);
        Set<String> actions = node.has("actions")
                ? new LinkedHashSet<>(list(node, at, "actions", (action, actionAt) -> {
                    if (!action.isTextual() || action.asText().isBlank()) {
                        throw fail(actionAt, "must be an action name such as " + Account.DESCRIBE_EXPORT_IMAGE_INFO);
                    }
                    return action.asText();
                }))
                : Set.of(Account.DESCRIBE_EXPORT_IMAGE_INFO);
        List<Image> images = node.has("images") ? list(node, at, "images", this::image) : List.of();
        Set<String> imageIds = new HashSet<>();
        for (int i = 0; i < images.size(); i++) {
            if (!imageIds.add(images.get(i).imageId())) {
                throw fail(at + ".images[" + i + "].ImageId", "repeats ImageId " + images.get(i).imageId());
            }
        }
        return new Account(id, keys, actions, images);
    }

    /** A key: id and secret; optionally {@code status} Active/Inactive, and for STS credentials {@code securityToken} with {@code expiration}. */
    private AccessKey accessKey(JsonNode key, String at) {
        requireObject(key, at);
        onlyFields(key, at, Set.of("id", "secret", "status", "securityToken", "expiration"));
        String id = text(key, at, "id", true);
        String secret = text(key, at, "secret", true);
        boolean active = !key.has("status") || parse(key, at, "status", "Active or Inactive", v -> switch (v) {
            case "Active" -> true;
            case "Inactive" -> false;
            default -> throw new IllegalArgumentException(v);
        });
        String token = text(key, at, "securityToken", false);
        if (token == null && key.has("expiration")) {
            throw fail(path(at, "expiration"), "is only for temporary credentials, which need a securityToken");
        }
        Optional<SecurityToken> sts = Optional.empty();
        if (token != null) {
            if (!key.has("expiration")) {
                throw fail(path(at, "expiration"), "is required with a securityToken (a UTC time such as 2030-01-01T00:00:00Z)");
            }
            sts = Optional.of(new SecurityToken(token, parse(key, at, "expiration", "a UTC time such as 2030-01-01T00:00:00Z", Instant::parse)));
        }
        return new AccessKey(id, secret, active, sts);
    }

    private Image image(JsonNode node, String at) {
        requireObject(node, at);
        onlyFields(node, at, Set.of("ImageId", "ImageName", "CreationTime", "Architecture", "Platform",
                "ImageOwnerAlias", "ImageExportStatus", "ExportedImageURL"));
        String id = text(node, at, "ImageId", true);
        String name = shared(text(node, at, "ImageName", true));
        Instant created = parse(node, at, "CreationTime", "a UTC time such as 2024-05-20T08:00:00Z", Instant::parse);
        String architecture = shared(text(node, at, "Architecture", true));
        String platform = shared(text(node, at, "Platform", true));
        OwnerAlias alias = parse(node, at, "ImageOwnerAlias", "system or self",
                v -> OwnerAlias.fromEnsName(v).orElseThrow(IllegalArgumentException::new));
        ExportStatus status = parse(node, at, "ImageExportStatus", "Unexported, Exporting, Exported or ExportError",
                v -> ExportStatus.fromEnsName(v).orElseThrow(IllegalArgumentException::new));
        Optional<URI> url = Optional.ofNullable(text(node, at, "ExportedImageURL", false))
                .filter(u -> !u.isEmpty())
                .map(u -> parse(node, at, "ExportedImageURL", "an absolute URL", SeedLoader::absoluteUri));
        if (status == ExportStatus.EXPORTED && url.isEmpty()) {
            throw fail(at + ".ExportedImageURL", "is required when ImageExportStatus is Exported");
        }
        if (status != ExportStatus.EXPORTED && url.isPresent()) {
            throw fail(at + ".ExportedImageURL", "must be absent unless ImageExportStatus is Exported");
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

    private interface Reader<T> {
        T read(JsonNode node, String at);
    }

    private <T> List<T> list(JsonNode parent, String at, String field, Reader<T> reader) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isArray()) {
            throw fail(path(at, field), "must be a list");
        }
        List<T> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            items.add(reader.read(node.get(i), path(at, field) + "[" + i + "]"));
        }
        return items;
    }

    private String text(JsonNode parent, String at, String field, boolean required) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw fail(path(at, field), "is required");
            }
            return null;
        }
        if (!node.isTextual()) {
            throw fail(path(at, field), "must be a string");
        }
        String value = node.asText();
        if (required && value.isBlank()) {
            throw fail(path(at, field), "must not be empty");
        }
        if (value.length() > MAX_TEXT && !Set.of("ExportedImageURL", "secret", "securityToken").contains(field)) {
            throw fail(path(at, field), "is longer than " + MAX_TEXT + " characters");
        }
        return value;
    }

    private <T> T parse(JsonNode parent, String at, String field, String expected, Function<String, T> parser) {
        String value = text(parent, at, field, true);
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw fail(path(at, field), "must be " + expected + ", not \"" + value + "\"");
        }
    }

    private void requireObject(JsonNode node, String at) {
        if (!node.isObject()) {
            throw fail(at, "must be an object");
        }
    }

    private void onlyFields(JsonNode node, String at, Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw fail(path(at, name), "is not a known field (known: " + String.join(", ", allowed) + ")");
            }
        }
    }

    private static String path(String at, String field) {
        return at.isEmpty() ? field : at + "." + field;
    }

    private SeedException fail(String field, String problem) {
        return new SeedException(source + (field.isEmpty() ? "" : ": " + field) + ": " + problem);
    }
}
