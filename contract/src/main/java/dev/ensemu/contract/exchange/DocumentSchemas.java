package dev.ensemu.contract.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The answer schemas of an OpenAPI 3.0 document, and the JSON Schema subset they are written in.
 * Written here rather than taken from a validator library so that the server, which holds proxied
 * answers to them, carries no JSON Schema engine: the document uses only the keywords below, and
 * a schema using any other validating keyword is refused when read, not silently passed.
 */
public final class DocumentSchemas {
    /** ENS's document as the api module ships it. */
    public static final String ENS_DOCUMENT = "/openapi/ens-2017-11-10.yaml";

    private static final Set<String> VALIDATING = Set.of("$ref", "type", "properties", "required", "additionalProperties", "items",
            "enum", "pattern", "minLength", "maxLength", "minimum", "maximum", "format", "nullable");
    private static final Set<String> ANNOTATIONS = Set.of("description", "example", "examples", "xml", "default", "title", "summary",
            "deprecated", "readOnly", "writeOnly", "externalDocs");

    private final JsonNode document;
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    public DocumentSchemas(JsonNode document) {
        this.document = document;
        document.path("components").path("schemas").fields().forEachRemaining(schema -> refuseUnknownKeywords(schema.getValue(),
                "#/components/schemas/" + schema.getKey()));
    }

    /** ENS's document, from the classpath. */
    public static DocumentSchemas ens() {
        try (InputStream in = DocumentSchemas.class.getResourceAsStream(ENS_DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(ENS_DOCUMENT + " is not on the classpath");
            }
            return new DocumentSchemas(new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The actions the document declares, from its path keys {@code /?Action=<Name>&Version=...}. */
    public List<String> actions() {
        List<String> actions = new java.util.ArrayList<>();
        document.path("paths").fieldNames().forEachRemaining(key -> actionOf(key).ifPresent(actions::add));
        return actions;
    }

    private static Optional<String> actionOf(String pathKey) {
        int start = pathKey.indexOf("Action=");
        if (start < 0) {
            return Optional.empty();
        }
        int end = pathKey.indexOf('&', start);
        return Optional.of(pathKey.substring(start + "Action=".length(), end < 0 ? pathKey.length() : end));
    }

    /**
     * The JSON schema of the answer with this status to this action: the status's own response,
     * else (an error status the document does not list) the operation's 400 response, whose envelope
     * every ENS error shares. Empty when the action is not in the document.
     */
    public Optional<JsonNode> answerSchema(String action, int status) {
        return operation(action).flatMap(post -> {
            JsonNode responses = post.path("responses");
            JsonNode response = responses.path(Integer.toString(status));
            if (response.isMissingNode() && status >= 400) {
                response = responses.path("400");
            }
            JsonNode schema = resolve(response).path("content").path("application/json").path("schema");
            return schema.isMissingNode() ? Optional.empty() : Optional.of(schema);
        });
    }

    /** The parameters the action's form schema requires; none when the action is not in the document. */
    public List<String> requiredParameters(String action) {
        return operation(action).map(post -> {
            JsonNode form = resolve(post.path("requestBody")).path("content").path("application/x-www-form-urlencoded").path("schema");
            List<String> required = new java.util.ArrayList<>();
            resolve(form).path("required").forEach(name -> required.add(name.asText()));
            return List.copyOf(required);
        }).orElse(List.of());
    }

    private Optional<JsonNode> operation(String action) {
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (actionOf(path.getKey()).filter(action::equals).isPresent()) {
                return Optional.of(path.getValue().path("post"));
            }
        }
        return Optional.empty();
    }

    /** Where {@code value} breaks {@code schema}, one line each, named by its JSON path. */
    public void validate(JsonNode schema, JsonNode value, String where, List<String> problems) {
        schema = resolve(schema);
        if (value.isNull()) {
            if (!schema.path("nullable").asBoolean(false)) {
                problems.add(where + " is null");
            }
            return;
        }
        String type = schema.path("type").asText("");
        if (!type.isEmpty() && !hasType(value, type)) {
            problems.add(where + " is " + describe(value) + ", not " + type);
            return;
        }
        JsonNode allowed = schema.path("enum");
        if (allowed.isArray() && !contains(allowed, value)) {
            problems.add(where + " is " + value + ", not one of " + allowed);
        }
        if (value.isTextual()) {
            String text = value.textValue();
            int length = text.codePointCount(0, text.length());
            if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
                problems.add(where + " is shorter than " + schema.get("minLength").asInt() + " characters");
            }
            if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
                problems.add(where + " is longer than " + schema.get("maxLength").asInt() + " characters");
            }
            if (schema.has("pattern") && !patterns.computeIfAbsent(schema.get("pattern").asText(), Pattern::compile).matcher(text).find()) {
                problems.add(where + " " + value + " does not match " + schema.get("pattern").asText());
            }
        }
        if (value.isNumber()) {
            BigDecimal number = value.decimalValue();
            if (schema.has("minimum") && number.compareTo(schema.get("minimum").decimalValue()) < 0) {
                problems.add(where + " is below " + schema.get("minimum"));
            }
            if (schema.has("maximum") && number.compareTo(schema.get("maximum").decimalValue()) > 0) {
                problems.add(where + " is above " + schema.get("maximum"));
            }
            if ("int32".equals(schema.path("format").asText()) && (number.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0
                    || number.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0)) {
                problems.add(where + " is outside int32");
            }
        }
        if (value.isObject()) {
            for (JsonNode name : schema.path("required")) {
                if (!value.has(name.asText())) {
                    problems.add(where + " lacks " + name.asText());
                }
            }
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.path("additionalProperties");
            value.fields().forEachRemaining(field -> {
                JsonNode property = properties.path(field.getKey());
                if (!property.isMissingNode()) {
                    validate(property, field.getValue(), where + "." + field.getKey(), problems);
                } else if (additional.isBoolean() && !additional.booleanValue()) {
                    problems.add(where + " has " + field.getKey() + ", which the document does not allow");
                } else if (additional.isObject()) {
                    validate(additional, field.getValue(), where + "." + field.getKey(), problems);
                }
            });
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                validate(schema.get("items"), value.get(i), where + "[" + i + "]", problems);
            }
        }
    }

    private JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) {
            String ref = node.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException("only local references are followed: " + ref);
            }
            node = document.at(ref.substring(1));
        }
        return node;
    }

    private static void refuseUnknownKeywords(JsonNode schema, String where) {
        if (!schema.isObject()) {
            return;
        }
        schema.fields().forEachRemaining(field -> {
            String keyword = field.getKey();
            if (!VALIDATING.contains(keyword) && !ANNOTATIONS.contains(keyword)) {
                throw new IllegalArgumentException(where + " uses the keyword " + keyword + ", which answers are not checked against");
            }
        });
        schema.path("properties").fields().forEachRemaining(p -> refuseUnknownKeywords(p.getValue(), where + "/properties/" + p.getKey()));
        refuseUnknownKeywords(schema.path("items"), where + "/items");
        if (schema.path("additionalProperties").isObject()) {
            refuseUnknownKeywords(schema.path("additionalProperties"), where + "/additionalProperties");
        }
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber() || (value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0);
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
    }

    private static boolean contains(JsonNode allowed, JsonNode value) {
        for (JsonNode candidate : allowed) {
            if (candidate.equals(value) || (candidate.isTextual() && value.isTextual() && candidate.asText().equals(value.asText()))) {
                return true;
            }
        }
        return false;
    }

    private static String describe(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
