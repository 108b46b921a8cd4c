package dev.ensemu.conformance.checks;

/** How binding a check is: a MUST failure fails the run, a SHOULD failure is reported only. */
public enum Level {
    MUST,
    SHOULD
}
