package dev.ensemu.contract.rules;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One normative statement of the contract, with a stable id (e.g. {@code R-ANS-01}). Checks name
 * the rules they cover; reports say, rule by rule, whether the target honours it.
 *
 * @param family  what part of the contract it belongs to (Parameters, Answers, Errors, Signatures, Export, Emulator)
 * @param sources where the contract states it: pages, files and standards a user can open
 * @param reason  why a SHOULD or EMULATOR rule is not a MUST
 */
public record Rule(String id, String family, RuleLevel level, List<Source> sources, String text, Optional<String> reason) {
    public Rule {
        sources = List.copyOf(sources);
    }

    /** The sources on one line: each one's title and address. */
    public String source() {
        return sources.stream().map(s -> s.title() + " <" + s.where() + ">").collect(Collectors.joining("; "));
    }
}
