package dev.ensemu.contract.report;

/** How binding a check is: a MUST failure fails the run, a SHOULD failure only in a strict run (else it is reported). */
public enum Level {
    MUST,
    SHOULD;
}
