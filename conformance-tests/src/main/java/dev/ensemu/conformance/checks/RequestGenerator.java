package dev.ensemu.conformance.checks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ensemu.conformance.client.Document;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Requests made from the OpenAPI document's parameter schemas, for one operation: for each of its
 * own parameters, valid values (in range, at the bounds, values from the
 * listing, text matching the pattern within the lengths, each value of an enum) and invalid ones
 * (below the minimum, above the maximum, not an integer, too short, too long, breaking the pattern,
 * outside the enum, a required one missing or empty). A request has at most one invalid value, so the document implies exactly one answer.
 */
final class RequestGenerator {
    /** Ignored by ENS whatever its value: never invalid. */
    private static final String IGNORED = "RegionId";
    private static final String TEXT = "abcXYZ019-_. é边/+*~%";
    /** Alphabets valid text is drawn from; a value is kept only if it matches the parameter's pattern. */
    private static final List<String> ALPHABETS = List.of(TEXT, "abcdefghijklmnopqrstuvwxyz0123456789-",
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-");

    /** One operation parameter as the document declares it. */
    record Parameter(String name, String type, Long minimum, Long maximum, Integer minLength, Integer maxLength, Pattern pattern,
            boolean required, List<String> allowed) {
        boolean allows(String text) {
            return (minLength == null || text.length() >= minLength) && (maxLength == null || text.length() <= maxLength)
                    && (pattern == null || pattern.matcher(text).find()) && (allowed == null || allowed.contains(text));
        }

        /** Values just outside the enum: another letter case, one character more. */
        List<String> outsideEnum() {
            List<String> outside = new ArrayList<>();
            String first = allowed.get(0);
            if (!first.toUpperCase(java.util.Locale.ROOT).equals(first)) {
                outside.add(first.toUpperCase(java.util.Locale.ROOT));
            }
            outside.add(first + first.charAt(first.length() - 1));
            outside.removeIf(allowed::contains);
            return outside;
        }
    }

    /**
     * A generated request: its values in order, where each goes, the method, and the one invalid
     * parameter if any, with the Code the document implies for it.
     */
    record Generated(String method, Map<String, String> values, Map<String, Boolean> inBody, String invalid, String invalidCode) {
        boolean valid() {
            return invalid == null;
        }

        Generated without(String name) {
            Map<String, String> fewer = new LinkedHashMap<>(values);
            fewer.remove(name);
            Map<String, Boolean> placed = new LinkedHashMap<>(inBody);
            placed.remove(name);
            return name.equals(invalid) ? new Generated(method, fewer, placed, null, null) : new Generated(method, fewer, placed, invalid, invalidCode);
        }

        Generated asGet() {
            Map<String, Boolean> query = new LinkedHashMap<>();
            values.keySet().forEach(n -> query.put(n, false));
            return new Generated("GET", values, query, invalid, invalidCode);
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder(method);
            values.forEach((name, value) -> text.append(inBody.get(name) ? " form:" : " query:").append(name).append('=')
                    .append('"').append(value).append('"'));
            return text.append(invalid == null ? " (valid)" : " (invalid " + invalid + ": " + invalidCode + ")").toString();
        }
    }

    private final List<Parameter> parameters;
    private final List<String> listedIds;
    private final List<String> listedNames;

    /** @param listedIds ImageIds valid requests may name (none for an operation that would change them) */
    RequestGenerator(String action, List<String> listedIds, List<String> listedNames) {
        this.parameters = operationParameters(action);
        this.listedIds = listedIds;
        this.listedNames = listedNames;
    }

    List<Parameter> parameters() {
        return parameters;
    }

    boolean required(String name) {
        return parameters.stream().anyMatch(p -> p.name().equals(name) && p.required());
    }

    /** The operation's own parameters, from the document. */
    static List<Parameter> operationParameters(String action) {
        List<Parameter> found = new ArrayList<>();
        for (JsonNode parameter : Document.get().parameters(action)) {
            JsonNode schema = parameter.path("schema");
            List<String> allowed = null;
            if (schema.has("enum")) {
                allowed = new ArrayList<>();
                for (JsonNode value : schema.path("enum")) {
                    allowed.add(value.asText());
                }
            }
            found.add(new Parameter(parameter.path("name").asText(), schema.path("type").asText(),
                    schema.has("minimum") ? schema.path("minimum").asLong() : null,
                    schema.has("maximum") ? schema.path("maximum").asLong() : null,
                    schema.has("minLength") ? schema.path("minLength").asInt() : null,
                    schema.has("maxLength") ? schema.path("maxLength").asInt() : null,
                    schema.has("pattern") ? Pattern.compile(schema.path("pattern").asText()) : null,
                    parameter.path("required").asBoolean(false), allowed));
        }
        return found;
    }

    /**
     * The bounds of every parameter, one request each, before anything random: the minimum, the one
     * after it and the maximum, one below and one above and not a number, one
     * character too short or too long, a value breaking the pattern, empty when required (invalid).
     * The required parameters travel with valid values beside the one bounded.
     */
    List<Generated> boundaries(Random random) {
        List<Generated> requests = new ArrayList<>();
        for (Parameter parameter : parameters) {
            List<String> valid = new ArrayList<>();
            List<String> invalid = new ArrayList<>();
            if (parameter.required()) {
                invalid.add("");
            }
            if (parameter.type().equals("integer")) {
                if (parameter.minimum() != null) {
                    valid.add(Long.toString(parameter.minimum()));
                    valid.add(Long.toString(parameter.minimum() + 1)); // e.g. the second page: where slicing goes wrong
                    invalid.add(Long.toString(parameter.minimum() - 1));
                }
                if (parameter.maximum() != null) {
                    valid.add(Long.toString(parameter.maximum()));
                    invalid.add(Long.toString(parameter.maximum() + 1L));
                }
                invalid.add("abc");
            } else if (parameter.allowed() != null) {
                valid.addAll(parameter.allowed());
                invalid.addAll(parameter.outsideEnum());
            } else if (!parameter.name().equals(IGNORED)) {
                if (parameter.maxLength() != null) {
                    String longest = text(parameter, parameter.maxLength(), random);
                    if (longest != null) {
                        valid.add(longest);
                        invalid.add(longest + longest.charAt(0));
                    }
                }
                if (parameter.minLength() != null && parameter.minLength() > 1) {
                    String shortest = text(parameter, parameter.minLength(), random);
                    if (shortest != null) {
                        valid.add(shortest);
                        invalid.add(shortest.substring(1));
                    }
                }
                String breaking = patternBreaking(parameter, random);
                if (breaking != null) {
                    invalid.add(breaking);
                }
            }
            valid.forEach(value -> requests.add(single(parameter, value, false, random)));
            invalid.forEach(value -> requests.add(single(parameter, value, true, random)));
        }
        return requests;
    }

    private Generated single(Parameter bounded, String value, boolean invalid, Random random) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Boolean> inBody = new LinkedHashMap<>();
        for (Parameter parameter : parameters) {
            if (parameter == bounded) {
                values.put(parameter.name(), value);
            } else if (parameter.required()) {
                values.put(parameter.name(), validValue(parameter, random));
            } else {
                continue;
            }
            inBody.put(parameter.name(), false);
        }
        return new Generated("GET", values, inBody, invalid ? bounded.name() : null, invalid ? codeFor(bounded, value) : null);
    }

    /** The Code the document implies for this invalid value: a required parameter empty is missing. */
    private static String codeFor(Parameter parameter, String value) {
        return parameter.required() && value.isEmpty() ? "MissingParameter" : "InvalidParameter." + parameter.name();
    }

    /** Only the required parameters, each with a value the document allows (for ImageIds, one no account has). */
    Generated requiredOnly(Random random) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Boolean> inBody = new LinkedHashMap<>();
        for (Parameter parameter : parameters) {
            if (parameter.required()) {
                values.put(parameter.name(), validValue(parameter, random));
                inBody.put(parameter.name(), false);
            }
        }
        return new Generated("GET", values, inBody, null, null);
    }

    Generated next(Random random) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Boolean> inBody = new LinkedHashMap<>();
        String method = random.nextBoolean() ? "GET" : "POST";
        List<Parameter> candidates = new ArrayList<>(parameters);
        java.util.Collections.shuffle(candidates, random);
        int optional = random.nextInt(candidates.size() + 1);
        boolean wantInvalid = random.nextInt(3) == 0;
        String invalid = null;
        String invalidCode = null;
        int taken = 0;
        for (Parameter parameter : candidates) {
            if (!parameter.required() && taken++ >= optional) {
                continue;
            }
            boolean makeInvalid = wantInvalid && invalid == null && !parameter.name().equals(IGNORED) && random.nextBoolean();
            String value = makeInvalid ? invalidValue(parameter, random) : null;
            if (makeInvalid && parameter.required() && random.nextInt(4) == 0) {
                invalid = parameter.name(); // left out altogether
                invalidCode = "MissingParameter";
                continue;
            }
            if (value == null) {
                value = validValue(parameter, random);
            } else {
                invalid = parameter.name();
                invalidCode = codeFor(parameter, value);
            }
            values.put(parameter.name(), value);
            inBody.put(parameter.name(), method.equals("POST") && random.nextBoolean());
        }
        return new Generated(method, values, inBody, invalid, invalidCode);
    }

    /** A value the document allows; never empty, as an empty value's meaning is a SHOULD (R-PAR-04) and valid requests hold MUSTs. */
    private String validValue(Parameter parameter, Random random) {
        if (parameter.allowed() != null) {
            return parameter.allowed().get(random.nextInt(parameter.allowed().size()));
        }
        if (parameter.type().equals("integer")) {
            long min = parameter.minimum() == null ? 0 : parameter.minimum();
            long max = parameter.maximum() == null ? 1000 : parameter.maximum();
            return switch (random.nextInt(5)) {
                case 0 -> Long.toString(min);
                case 1 -> Long.toString(max);
                // The first few pages and smallest sizes, where slicing mistakes show on a small account.
                case 2 -> Long.toString(min + random.nextInt((int) Math.min(max - min + 1, 4)));
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
        int min = parameter.minLength() == null ? 1 : parameter.minLength();
        int max = Math.max(min, Math.min(parameter.maxLength() == null ? 40 : parameter.maxLength(), 40));
        String text = text(parameter, min + random.nextInt(max - min + 1), random);
        if (text == null) {
            throw new IllegalStateException("no text of the alphabets matches the pattern of " + parameter.name());
        }
        return text;
    }

    /** Text of this length the parameter allows, drawn from the alphabets; null when none is found. */
    private static String text(Parameter parameter, int length, Random random) {
        for (int attempt = 0; attempt < 200; attempt++) {
            String alphabet = parameter.pattern() == null ? TEXT : ALPHABETS.get(random.nextInt(ALPHABETS.size()));
            StringBuilder text = new StringBuilder();
            while (text.length() < length) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String candidate = text.substring(0, length);
            if (parameter.allows(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Text within the lengths that breaks the pattern; null when the parameter has no pattern. */
    private static String patternBreaking(Parameter parameter, Random random) {
        if (parameter.pattern() == null) {
            return null;
        }
        for (int attempt = 0; attempt < 200; attempt++) {
            int length = Math.max(parameter.minLength() == null ? 1 : parameter.minLength(), 1 + random.nextInt(12));
            StringBuilder text = new StringBuilder();
            while (text.length() < length) {
                text.append(TEXT.charAt(random.nextInt(TEXT.length())));
            }
            String candidate = text.toString();
            if (!parameter.pattern().matcher(candidate).find()
                    && (parameter.maxLength() == null || candidate.length() <= parameter.maxLength())) {
                return candidate;
            }
        }
        return null;
    }

    /** A value the document forbids, or null when the parameter has no bound to break. */
    private static String invalidValue(Parameter parameter, Random random) {
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
        List<String> bad = new ArrayList<>();
        if (parameter.required()) {
            bad.add("");
        }
        if (parameter.allowed() != null) {
            bad.addAll(parameter.outsideEnum());
            return bad.get(random.nextInt(bad.size()));
        }
        if (parameter.maxLength() != null) {
            String longest = text(parameter, parameter.maxLength(), random);
            bad.add((longest == null ? "x".repeat(parameter.maxLength()) : longest) + "x".repeat(1 + random.nextInt(20)));
        }
        String breaking = patternBreaking(parameter, random);
        if (breaking != null) {
            bad.add(breaking);
        }
        return bad.isEmpty() ? null : bad.get(random.nextInt(bad.size()));
    }
}
