package dev.ensemu.conformance.checks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ensemu.conformance.client.Answer;
import java.util.List;
import java.util.Optional;

/**
 * What the document and the account's listing imply for the generated requests of one operation
 * (GEN- checks). Each operation's oracle is declared beside its checks and registered by
 * {@link GeneratedChecks}; no check branches on Action names.
 */
interface OperationOracle {
    /** The operation it judges. */
    String action();

    /** Whether generated requests may name listed images (not when that would change one, as starting an export does). */
    boolean namesListedImages();

    /** The rule broken when an invalid value of {@code parameter} is not refused with {@code code}. */
    String ruleOfInvalid(String parameter, String code);

    /** What is wrong with the answer to a request whose every value the document allows; empty when it is right. */
    Optional<String> validAnswerProblem(RequestGenerator.Generated request, Answer answer, List<JsonNode> listing);

    /** A problem, named by the rule it breaks (rules.yaml), so a failure says which contract statement is at stake. */
    static Optional<String> broke(String rule, String problem) {
        return Optional.of("breaks " + rule + ": " + problem);
    }

    /** The value as the operation reads it: empty counts as not given. */
    static String given(RequestGenerator.Generated request, String name) {
        String value = request.values().get(name);
        return value == null || value.isEmpty() ? null : value;
    }
}
