package dev.ensemu.conformance.checks;

import dev.ensemu.conformance.client.Implementation;
import dev.ensemu.conformance.endpoint.Target;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A check of operations the endpoint does not implement is not applicable (the run says which it implements). */
public final class OperationCondition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Check check = context.getTestMethod().map(m -> m.getAnnotation(Check.class)).orElse(null);
        if (check == null) {
            return ConditionEvaluationResult.enabled("not a check");
        }
        Set<String> implemented = Implementation.operations(Target.current());
        List<String> missing = List.of(check.operations()).stream().filter(op -> !implemented.contains(op)).toList();
        return missing.isEmpty() ? ConditionEvaluationResult.enabled("its operations are implemented")
                : ConditionEvaluationResult.disabled("not applicable: the endpoint does not implement " + String.join(", ", missing));
    }
}
