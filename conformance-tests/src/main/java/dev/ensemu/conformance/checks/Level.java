package dev.ensemu.conformance.checks;

/** How binding a check is: a MUST failure fails the run, a SHOULD failure only in a strict run (else it is reported). */
public enum Level {
    MUST,
    SHOULD;

    /** Marks a SHOULD failure carried as an abort, so a lenient JUnit run stays green and the reports still count it. */
    public static final String SHOULD_FAILED = "SHOULD check failed (reported; fails only a strict run): ";
}
