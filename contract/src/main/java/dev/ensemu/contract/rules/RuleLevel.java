package dev.ensemu.contract.rules;

/** How binding a rule is, and so what must cover it. */
public enum RuleLevel {
    /** Every conformant endpoint honours it: at least one MUST check covers it. */
    MUST,
    /** ENS's behaviour is unverified or the rule is advice: checks may cover it at SHOULD level. */
    SHOULD,
    /** ensemu's own behaviour outside the ENS contract: its server tests cover it, the suite does not. */
    EMULATOR
}
