package dev.ensemu.conformance.rules;

import java.util.Optional;

/**
 * One normative statement of the contract, with a stable id (e.g. {@code R-ANS-01}). Checks name
 * the rules they cover; reports say, rule by rule, whether the target honours it.
 *
 * @param family what part of the contract it belongs to (Parameters, Answers, Errors, Signatures, Emulator)
 * @param source where the contract states it (design.md, a SPEC-NOTES number, wire-protocol.md)
 * @param reason why a SHOULD or EMULATOR rule is not a MUST
 */
public record Rule(String id, String family, RuleLevel level, String source, String text, Optional<String> reason) {}
