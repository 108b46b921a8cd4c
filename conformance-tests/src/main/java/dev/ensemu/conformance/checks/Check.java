package dev.ensemu.conformance.checks;

import dev.ensemu.contract.report.Level;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a check method with its stable id, the rules it covers, its level and what it verifies in one line. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Check {
    /** Stable across releases, e.g. {@code PAG-01}; reports and {@code --checks} use it. */
    String id();

    /** The ids of the contract rules it covers ({@code rules.yaml}); a MUST rule needs a MUST check. */
    String[] rules();

    Level level() default Level.MUST;

    /**
     * The operations the check calls; it applies only to an endpoint that implements all of them
     * (otherwise it is not applicable), and it counts towards each one's verdict.
     */
    String[] operations() default {"DescribeExportImageInfo"};

    String description();
}
