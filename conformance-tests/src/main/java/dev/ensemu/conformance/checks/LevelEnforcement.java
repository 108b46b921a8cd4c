package dev.ensemu.conformance.checks;

import dev.ensemu.conformance.endpoint.Target;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * Makes a failed SHOULD check not fail a lenient run: the failure travels as an abort marked
 * {@link Level#SHOULD_FAILED}, which the reports count as a failure of level SHOULD. In a strict
 * run ({@code --strict}, {@code -Dens.strict=true}) it fails like a MUST check.
 */
public final class LevelEnforcement implements TestExecutionExceptionHandler {
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        Check check = context.getRequiredTestMethod().getAnnotation(Check.class);
        if (check != null && check.level() == Level.SHOULD && failure instanceof AssertionError && !Target.current().strict()) {
            throw new TestAbortedException(Level.SHOULD_FAILED + failure.getClass().getSimpleName() + ": " + failure.getMessage());
        }
        throw failure;
    }
}
