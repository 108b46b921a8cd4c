package dev.ensemu.conformance.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operations of the OpenAPI document, read from its path keys: every RPC operation is keyed by
 * its request target {@code /?Action=<Name>&Version=<Version>}, a POST whose form body holds its
 * parameters (all of them are on {@code /} on the wire, by GET or POST, query or form).
 */
public final class Document {
    private static final Pattern KEY = Pattern.compile("/\\?Action=([A-Za-z0-9]+)(?:&Version=([0-9-]+))?");
    private static volatile Document loaded;

    private final String source;
    private final JsonNode tree;
    private final Map<String, String> keyByAction = new LinkedHashMap<>();

    private Document(String source, JsonNode tree) {
        this.source = source;
        this.tree = tree;
        for (Iterator<String> keys = tree.path("paths").fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            Matcher m = KEY.matcher(key);
            if (m.matches()) {
                keyByAction.put(m.group(1), key);
            }
        }
    }

    /** The document of this run: the suite's own, or the one {@code ens.document} names (read again when that changes). */
    public static synchronized Document get() {
        String source = SchemaValidation.source();
        if (loaded == null || !loaded.source.equals(source)) {
            try {
                loaded = new Document(source, new YAMLMapper().readTree(SchemaValidation.specification()));
            } catch (IOException e) {
                throw new IllegalArgumentException("the OpenAPI document " + source + " is not YAML or JSON: "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
            SchemaValidation.forget();
            if (loaded.actions().isEmpty()) {
                throw new IllegalArgumentException("the OpenAPI document " + source + " has no operation keyed /?Action=<Name>");
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

    /** The path key of the operation, e.g. {@code /?Action=ExportImage&Version=2017-11-10}. */
    public String pathKey(String action) {
        String key = keyByAction.get(action);
        if (key == null) {
            throw new IllegalArgumentException("the OpenAPI document has no operation " + action);
        }
        return key;
    }

    /**
     * The operation's own parameters, in the document's order: the properties of its form schema,
     * each as a parameter object ({@code name}, {@code required}, {@code schema}).
     */
    public List<JsonNode> parameters(String action) {
        JsonNode schema = tree.path("paths").path(pathKey(action)).path("post").path("requestBody").path("content")
                .path("application/x-www-form-urlencoded").path("schema");
        String ref = schema.path("$ref").asText("");
        if (!ref.isEmpty()) {
            schema = tree.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        List<JsonNode> found = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields(); properties.hasNext(); ) {
            Map.Entry<String, JsonNode> property = properties.next();
            ObjectNode parameter = JsonNodeFactory.instance.objectNode();
            parameter.put("name", property.getKey());
            parameter.put("required", required.contains(property.getKey()));
            parameter.set("schema", property.getValue());
            found.add(parameter);
        }
        return found;
    }
}
