package dev.ensemu.contract.exchange;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Holds exchanges to every {@link ExchangeCheck}, against one OpenAPI document's schemas. */
public final class ExchangeRules {
    private final DocumentSchemas schemas;

    public ExchangeRules(DocumentSchemas schemas) {
        this.schemas = schemas;
    }

    /**
     * What one exchange shows.
     *
     * @param applied    the checks that applied to it (each passed or is among the violations)
     * @param violations what it broke, check by check
     * @param ensShaped  whether the answer is an ENS answer at all (a JSON object or an XML document)
     * @param code       the answer's Code, null when it has none
     */
    public record Verdict(Set<ExchangeCheck> applied, List<Violation> violations, boolean ensShaped, String code) {}

    public Verdict inspect(Exchange exchange) {
        Answer answer = new Answer(exchange, schemas);
        Set<ExchangeCheck> applied = EnumSet.noneOf(ExchangeCheck.class);
        List<Violation> violations = new ArrayList<>();
        for (ExchangeCheck check : ExchangeCheck.values()) {
            List<String> problems = new ArrayList<>();
            if (check.inspect(answer, problems)) {
                applied.add(check);
                problems.forEach(problem -> violations.add(new Violation(check, exchange.action(), answer.requestId(), problem)));
            }
        }
        return new Verdict(Set.copyOf(applied), List.copyOf(violations), answer.ensShaped(), answer.field("Code"));
    }
}
