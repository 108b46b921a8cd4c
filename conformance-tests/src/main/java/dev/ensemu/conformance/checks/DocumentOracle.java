package dev.ensemu.conformance.checks;

import static dev.ensemu.conformance.checks.OperationOracle.broke;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ensemu.conformance.client.Answer;
import java.util.List;
import java.util.Optional;

/**
 * What the document alone implies for an operation that has no oracle of its own: the values it
 * allows are not refused for their parameters (whatever else the answer says), the values it forbids
 * are refused with their parameter's Code. Its requests name no listed image, so change none.
 */
record DocumentOracle(String action) implements OperationOracle {
    @Override
    public boolean namesListedImages() {
        return false;
    }

    @Override
    public String ruleOfInvalid(String parameter, String code) {
        return "R-PAR-17";
    }

    @Override
    public Optional<String> validAnswerProblem(RequestGenerator.Generated request, Answer answer, List<JsonNode> listing) {
        String code = answer.status() == 200 ? null : answer.code();
        boolean refusedForAParameter = code != null && (code.equals("MissingParameter") || code.startsWith("InvalidParameter"));
        return answer.status() >= 500 || refusedForAParameter
                ? broke("R-PAR-17", "every value the document allows is accepted; got " + answer.status() + " " + code) : Optional.empty();
    }
}
