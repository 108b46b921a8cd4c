package dev.ensemu.contract.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/** The contract's rules, read once from {@code rules.yaml} beside this class. */
public final class Rules {
    private static final String FILE = "rules.yaml";
    private static volatile List<Rule> all;
    private static volatile List<Source> declared;

    private Rules() {}

    /** Every rule, in the file's order. */
    public static synchronized List<Rule> all() {
        if (all == null) {
            load();
        }
        return all;
    }

    private static List<Rule> load() {
        try (InputStream in = Rules.class.getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException(FILE + " is missing from the suite's jar");
            }
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            Map<String, Source> sources = new LinkedHashMap<>();
            root.path("sources").fields().forEachRemaining(source -> sources.put(source.getKey(), new Source(source.getKey(),
                    Source.Kind.of(text(source.getValue(), "kind")), text(source.getValue(), "title"), text(source.getValue(), "url"))));
            List<Rule> rules = new ArrayList<>();
            for (JsonNode rule : root.path("rules")) {
                List<Source> cited = new ArrayList<>();
                for (JsonNode name : rule.path("sources")) {
                    cited.add(source(sources, name.asText(), rule));
                }
                if (cited.isEmpty()) {
                    throw new IllegalStateException(FILE + ": a rule has no sources: " + rule);
                }
                rules.add(new Rule(text(rule, "id"), text(rule, "family"), RuleLevel.valueOf(text(rule, "level")), cited,
                        text(rule, "text"), Optional.ofNullable(rule.path("reason").textValue())));
            }
            all = List.copyOf(rules);
            declared = List.copyOf(sources.values());
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE, e);
        }
    }

    /** Every source rules.yaml declares, in its order. */
    public static List<Source> sources() {
        all();
        return declared;
    }

    private static Source source(Map<String, Source> declared, String name, JsonNode rule) {
        if (name.startsWith(Source.SPEC_NOTES_PREFIX)) {
            return Source.specNotes(name.substring(Source.SPEC_NOTES_PREFIX.length()));
        }
        Source source = declared.get(name);
        if (source == null) {
            throw new IllegalStateException(FILE + ": a rule names an undeclared source \"" + name + "\": " + rule);
        }
        return source;
    }

    private static String text(JsonNode rule, String field) {
        String value = rule.path(field).textValue();
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(FILE + ": a rule has no " + field + ": " + rule);
        }
        return value;
    }
}
