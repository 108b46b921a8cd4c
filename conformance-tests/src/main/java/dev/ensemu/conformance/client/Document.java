package dev.ensemu.conformance.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operations of the OpenAPI document, read from its path keys: every RPC operation is keyed
 * {@code /#Action=<Name>&Version=<Version>} (all of them are on {@code /} on the wire).
 */
public final class Document {
    private static final Pattern KEY = Pattern.compile("/#Action=([A-Za-z0-9]+)(?:&Version=([0-9-]+))?");
    private static volatile Document loaded;

    private final JsonNode tree;
    private final Map<String, String> keyByAction = new LinkedHashMap<>();

    private Document(JsonNode tree) {
        this.tree = tree;
        for (Iterator<String> keys = tree.path("paths").fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            Matcher m = KEY.matcher(key);
            if (m.matches()) {
                keyByAction.put(m.group(1), key);
            }
        }
    }

    public static Document get() {
        if (loaded == null) {
            try {
                loaded = new Document(new YAMLMapper().readTree(SchemaValidation.specification()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return loaded;
    }

    /** The document as a tree. */
    public JsonNode tree() {
        return tree;
    }

    /** Every operation's Action, in the document's order. */
    public List<String> actions() {
        return List.copyOf(keyByAction.keySet());
    }

    /** The path key of the operation, e.g. {@code /#Action=ExportImage&Version=2017-11-10}. */
    public String pathKey(String action) {
        String key = keyByAction.get(action);
        if (key == null) {
            throw new IllegalArgumentException("the OpenAPI document has no operation " + action);
        }
        return key;
    }

    /** The GET form's parameters of the operation, with their references resolved. */
    public List<JsonNode> parameters(String action) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode reference : tree.path("paths").path(pathKey(action)).path("get").path("parameters")) {
            String ref = reference.path("$ref").asText("");
            found.add(ref.isEmpty() ? reference : tree.path("components").path("parameters").path(ref.substring(ref.lastIndexOf('/') + 1)));
        }
        return found;
    }
}
