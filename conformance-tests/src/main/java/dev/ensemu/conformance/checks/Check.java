package dev.ensemu.conformance.checks;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a check method with its stable id, its level and what it verifies in one line. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Check {
    /** Stable across releases, e.g. {@code PAG-01}; reports and {@code --checks} use it. */
    String id();

    Level level() default Level.MUST;

    String description();
}
