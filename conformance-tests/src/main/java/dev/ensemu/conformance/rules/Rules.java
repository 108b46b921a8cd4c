package dev.ensemu.conformance.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The contract's rules, read once from {@code rules.yaml} beside this class. */
public final class Rules {
    private static final String FILE = "rules.yaml";
    private static volatile List<Rule> all;

    private Rules() {}

    /** Every rule, in the file's order. */
    public static List<Rule> all() {
        if (all == null) {
            all = load();
        }
        return all;
    }

    private static List<Rule> load() {
        try (InputStream in = Rules.class.getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException(FILE + " is missing from the suite's jar");
            }
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            List<Rule> rules = new ArrayList<>();
            for (JsonNode rule : root.path("rules")) {
                rules.add(new Rule(text(rule, "id"), text(rule, "family"), RuleLevel.valueOf(text(rule, "level")), text(rule, "source"),
                        text(rule, "text"), Optional.ofNullable(rule.path("reason").textValue())));
            }
            return List.copyOf(rules);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE, e);
        }
    }

    private static String text(JsonNode rule, String field) {
        String value = rule.path(field).textValue();
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(FILE + ": a rule has no " + field + ": " + rule);
        }
        return value;
    }
}
