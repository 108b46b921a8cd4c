package dev.ensemu.server.storage;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ensemu.server.domain.Account;
import dev.ensemu.server.domain.ExportStatus;
import dev.ensemu.server.domain.Image;
import dev.ensemu.server.seed.SeedException;
import dev.ensemu.server.seed.SeedCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JSON of stored states and changes. Accounts and images keep the seed file's form, so
 * everything stored reads back through the seed's own checks; changes are read and written by
 * Jackson from {@link StateChange}'s type names, with the domain records in those forms.
 */
final class StateCodec {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper CHANGE_JSON = new ObjectMapper().registerModule(domainForms());
    private static final TypeReference<List<StateChange>> CHANGE_LIST = new TypeReference<>() {};
    private static final ObjectWriter CHANGES = CHANGE_JSON.writerFor(CHANGE_LIST);
    private static final ObjectReader CHANGES_READER = CHANGE_JSON.readerFor(CHANGE_LIST);

    private StateCodec() {}

    static ObjectNode state(StoredState state) {
        ObjectNode root = SeedCodec.toTree(state.accounts());
        ArrayNode pending = root.putArray("pendingExports");
        state.pendingExports().forEach(p -> pending.add(export(p)));
        return root;
    }

    static StoredState state(JsonNode root, String source) {
        ObjectNode accounts = JSON.createObjectNode();
        accounts.set("accounts", root.path("accounts"));
        List<Account> loaded = SeedCodec.accountsFromTree(accounts, source);
        List<PendingExport> pending = new ArrayList<>();
        for (JsonNode p : root.path("pendingExports")) {
            pending.add(export(p, source));
        }
        return new StoredState(loaded, pending);
    }

    /** One write's changes as one line of JSON; each change is named by its {@code op} (StateChange's type names). */
    static String changes(List<StateChange> changes) {
        try {
            return CHANGES.writeValueAsString(changes);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a change that cannot be written as JSON", e);
        }
    }

    static List<StateChange> changes(String line, String source) {
        try {
            List<StateChange> changes = CHANGES_READER.withAttribute(SOURCE, source).readValue(line);
            if (changes == null) {
                throw new SeedException(source + ": is not a list of changes");
            }
            return changes;
        } catch (JsonProcessingException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof SeedException seed) {
                    throw seed; // an image or account the seed's own checks refused, with its reason
                }
            }
            throw new SeedException(source + ": is not a list of changes (" + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
        }
    }

    /** Where the changes being read come from, for error messages (a deserialization attribute). */
    private static final String SOURCE = "source";

    /**
     * The domain records inside changes keep the seed file's form: an image as in a seed, an
     * account without its images, a pending export and a whole state as in a snapshot.
     */
    private static SimpleModule domainForms() {
        SimpleModule module = new SimpleModule("ensemu-state");
        module.addSerializer(Image.class, writer(SeedCodec::imageTree));
        module.addDeserializer(Image.class, reader(SeedCodec::imageFromTree));
        module.addSerializer(Account.class, writer(account -> SeedCodec.toTree(List.of(withoutImages(account))).path("accounts").get(0)));
        module.addDeserializer(Account.class, reader((node, source) -> {
            ObjectNode accounts = JSON.createObjectNode();
            accounts.putArray("accounts").add(node);
            return SeedCodec.accountsFromTree(accounts, source).get(0);
        }));
        module.addSerializer(PendingExport.class, writer(StateCodec::export));
        module.addDeserializer(PendingExport.class, reader(StateCodec::export));
        module.addSerializer(StoredState.class, writer(StateCodec::state));
        module.addDeserializer(StoredState.class, reader(StateCodec::state));
        return module;
    }

    private static <T> JsonSerializer<T> writer(Function<T, JsonNode> tree) {
        return new JsonSerializer<>() {
            @Override
            public void serialize(T value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeTree(tree.apply(value));
            }
        };
    }

    private static <T> JsonDeserializer<T> reader(BiFunction<JsonNode, String, T> fromTree) {
        return new JsonDeserializer<>() {
            @Override
            public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                return fromTree.apply(parser.readValueAsTree(), String.valueOf(context.getAttribute(SOURCE)));
            }
        };
    }

    private static Account withoutImages(Account account) {
        return new Account(account.id(), account.accessKeys(), account.allowedActions(), List.of());
    }

    private static ObjectNode export(PendingExport p) {
        ObjectNode node = JSON.createObjectNode().put("accountId", p.accountId()).put("imageId", p.imageId())
                .put("completesAt", p.completesAt().toString()).put("outcome", p.outcome().ensName());
        p.url().ifPresent(url -> node.put("url", url.toString()));
        return node;
    }

    private static PendingExport export(JsonNode p, String source) {
        try {
            return new PendingExport(p.path("accountId").asText(), p.path("imageId").asText(),
                    Instant.parse(p.path("completesAt").asText()),
                    ExportStatus.fromEnsName(p.path("outcome").asText()).orElseThrow(IllegalArgumentException::new),
                    p.hasNonNull("url") ? Optional.of(URI.create(p.get("url").asText())) : Optional.empty());
        } catch (RuntimeException e) {
            throw new SeedException(source + ": pending export " + p + " is invalid");
        }
    }
}
