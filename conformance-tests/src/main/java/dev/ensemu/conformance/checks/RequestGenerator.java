package dev.ensemu.conformance.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ensemu.conformance.client.SchemaValidation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Requests made from the OpenAPI document's parameter schemas: for each of the operation's own
 * query parameters (not the signature's or the envelope's), valid values (in range, at the bounds,
 * empty, values from the listing, any text within maxLength) and invalid ones (below the minimum,
 * above the maximum, not an integer, one character over maxLength). A request has at most one
 * invalid value, so the document implies exactly one answer for it.
 */
final class RequestGenerator {
    /** Parameters the client sets itself: the envelope and the signature. */
    private static final List<String> NOT_GENERATED = List.of("Action", "Version", "AccessKeyId", "SignatureMethod",
            "SignatureVersion", "SignatureNonce", "Timestamp", "SecurityToken", "Signature");
    /** Ignored by ENS whatever its value: never invalid. */
    private static final String IGNORED = "RegionId";
    private static final String TEXT = "abcXYZ019-_. é边/+*~%";

    /** One operation parameter as the document declares it. */
    record Parameter(String name, String type, Long minimum, Long maximum, Integer maxLength) {}

    /** A generated request: its values in order, where each goes, the method, and the one invalid parameter if any. */
    record Generated(String method, Map<String, String> values, Map<String, Boolean> inBody, String invalid) {
        boolean valid() {
            return invalid == null;
        }

        Generated without(String name) {
            Map<String, String> fewer = new LinkedHashMap<>(values);
            fewer.remove(name);
            Map<String, Boolean> placed = new LinkedHashMap<>(inBody);
            placed.remove(name);
            return new Generated(method, fewer, placed, name.equals(invalid) ? null : invalid);
        }

        Generated asGet() {
            Map<String, Boolean> query = new LinkedHashMap<>();
            values.keySet().forEach(n -> query.put(n, false));
            return new Generated("GET", values, query, invalid);
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(method);
            values.forEach((name, value) -> text.append(inBody.get(name) ? " form:" : " query:").append(name).append('=')
                    .append('"').append(value).append('"'));
            return text.append(invalid == null ? " (valid)" : " (invalid " + invalid + ")").toString();
        }
    }

    private final List<Parameter> parameters;
    private final List<String> listedIds;
    private final List<String> listedNames;

    RequestGenerator(List<String> listedIds, List<String> listedNames) {
        this.parameters = operationParameters();
        this.listedIds = listedIds;
        this.listedNames = listedNames;
    }

    List<Parameter> parameters() {
        return parameters;
    }

    /** The GET operation's query parameters, from the document. */
    static List<Parameter> operationParameters() {
        JsonNode document;
        try {
            document = new YAMLMapper().readTree(SchemaValidation.specification());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Parameter> found = new ArrayList<>();
        for (JsonNode reference : document.path("paths").path("/").path("get").path("parameters")) {
            String ref = reference.path("$ref").asText();
            JsonNode parameter = document.path("components").path("parameters").path(ref.substring(ref.lastIndexOf('/') + 1));
            String name = parameter.path("name").asText();
            if (!"query".equals(parameter.path("in").asText()) || NOT_GENERATED.contains(name)) {
                continue;
            }
            JsonNode schema = parameter.path("schema");
            found.add(new Parameter(name, schema.path("type").asText(),
                    schema.has("minimum") ? schema.path("minimum").asLong() : null,
                    schema.has("maximum") ? schema.path("maximum").asLong() : null,
                    schema.has("maxLength") ? schema.path("maxLength").asInt() : null));
        }
        return found;
    }

    /**
     * The bounds of every parameter, one request each, before anything random: the minimum and the
     * maximum and empty (valid), one below and one above and not a number, one character too long (invalid).
     */
    List<Generated> boundaries() {
        List<Generated> requests = new ArrayList<>();
        for (Parameter parameter : parameters) {
            List<String> valid = new ArrayList<>(List.of(""));
            List<String> invalid = new ArrayList<>();
            if (parameter.type().equals("integer")) {
                if (parameter.minimum() != null) {
                    valid.add(Long.toString(parameter.minimum()));
                    invalid.add(Long.toString(parameter.minimum() - 1));
                }
                if (parameter.maximum() != null) {
                    valid.add(Long.toString(parameter.maximum()));
                    if (parameter.maximum() < Integer.MAX_VALUE) {
                        invalid.add(Long.toString(parameter.maximum() + 1));
                    } else {
                        invalid.add(Long.toString(parameter.maximum() + 1L));
                    }
                }
                invalid.add("abc");
            } else if (parameter.name().equals("Format")) {
                valid.addAll(List.of("JSON", "xml"));
                invalid.add("YAML");
            } else if (parameter.maxLength() != null && !parameter.name().equals(IGNORED)) {
                valid.add("v".repeat(parameter.maxLength()));
                invalid.add("v".repeat(parameter.maxLength() + 1));
            }
            valid.forEach(value -> requests.add(single(parameter.name(), value, null)));
            invalid.forEach(value -> requests.add(single(parameter.name(), value, parameter.name())));
        }
        return requests;
    }

    private static Generated single(String name, String value, String invalid) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(name, value);
        Map<String, Boolean> inBody = new LinkedHashMap<>();
        inBody.put(name, false);
        return new Generated("GET", values, inBody, invalid);
    }

    Generated next(Random random) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Boolean> inBody = new LinkedHashMap<>();
        String method = random.nextBoolean() ? "GET" : "POST";
        List<Parameter> candidates = new ArrayList<>(parameters);
        java.util.Collections.shuffle(candidates, random);
        int count = random.nextInt(candidates.size() + 1);
        boolean wantInvalid = random.nextInt(3) == 0;
        String invalid = null;
        for (Parameter parameter : candidates.subList(0, count)) {
            boolean makeInvalid = wantInvalid && invalid == null && !parameter.name().equals(IGNORED) && random.nextBoolean();
            String value = makeInvalid ? invalidValue(parameter, random) : validValue(parameter, random);
            if (value == null) {
                value = validValue(parameter, random);
            } else if (makeInvalid) {
                invalid = parameter.name();
            }
            values.put(parameter.name(), value);
            inBody.put(parameter.name(), method.equals("POST") && random.nextBoolean());
        }
        return new Generated(method, values, inBody, invalid);
    }

    private String validValue(Parameter parameter, Random random) {
        if (random.nextInt(8) == 0) {
            return ""; // empty is "not given"
        }
        if (parameter.name().equals("Format")) {
            return List.of("JSON", "XML", "json", "Xml").get(random.nextInt(4));
        }
        if (parameter.type().equals("integer")) {
            long min = parameter.minimum() == null ? 0 : parameter.minimum();
            long max = parameter.maximum() == null ? 1000 : parameter.maximum();
            return switch (random.nextInt(4)) {
                case 0 -> Long.toString(min);
                case 1 -> Long.toString(max);
                default -> Long.toString(min + (long) (random.nextDouble() * Math.min(max - min, 60)));
            };
        }
        List<String> listed = parameter.name().equals("ImageId") ? listedIds : parameter.name().equals("ImageName") ? listedNames : List.of();
        if (!listed.isEmpty() && random.nextInt(3) > 0) {
            // A listed value, or a near miss of one (a prefix, an extension, another case, spaces, a substring).
            String value = listed.get(random.nextInt(listed.size()));
            List<String> nearMisses = FilterChecks.nearMisses(value);
            return random.nextBoolean() || nearMisses.isEmpty() ? value : nearMisses.get(random.nextInt(nearMisses.size()));
        }
        int length = 1 + random.nextInt(Math.min(parameter.maxLength() == null ? 40 : parameter.maxLength(), 40));
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            text.append(TEXT.charAt(random.nextInt(TEXT.length())));
        }
        return text.substring(0, length);
    }

    /** A value the document forbids, or null when the parameter has no bound to break. */
    private static String invalidValue(Parameter parameter, Random random) {
        if (parameter.name().equals("Format")) {
            return List.of("YAML", "JSONP", "csv", "xml2").get(random.nextInt(4));
        }
        if (parameter.type().equals("integer")) {
            List<String> bad = new ArrayList<>(List.of("abc", "1.5", " 5", "0x10", "2147483648", "99999999999"));
            if (parameter.minimum() != null) {
                bad.add(Long.toString(parameter.minimum() - 1));
                bad.add(Long.toString(parameter.minimum() - 1 - random.nextInt(1000)));
            }
            if (parameter.maximum() != null && parameter.maximum() < Integer.MAX_VALUE) {
                bad.add(Long.toString(parameter.maximum() + 1));
                bad.add(Long.toString(parameter.maximum() + 1 + random.nextInt(1000)));
            }
            return bad.get(random.nextInt(bad.size()));
        }
        if (parameter.maxLength() != null) {
            return "x".repeat(parameter.maxLength() + 1 + random.nextInt(20));
        }
        return null;
    }
}
