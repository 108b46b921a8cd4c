package dev.ensemu.conformance.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import dev.ensemu.conformance.checks.Level;
import java.util.List;

/** A finished run: what was tested, when, and each check's result; printed as a table and written as JSON. */
public record RunReport(String suiteVersion, String openApiSha256, String endpoint, String signature, Instant startedAt,
        Instant finishedAt, List<CheckResult> checks, boolean strict) {

    public long count(CheckResult.Outcome outcome) {
        return checks.stream().filter(c -> c.outcome() == outcome).count();
    }

    /** Conformant when every MUST check (in a strict run: every check) passed or does not apply to the target. */
    public boolean conformant() {
        return checks.stream().noneMatch(c -> c.breaksConformance(strict));
    }

    /** The words of the verdict, saying which level decided it. */
    public String verdict() {
        boolean mustFailed = checks.stream().anyMatch(c -> c.breaksConformance(false));
        boolean shouldFailed = checks.stream().anyMatch(c -> c.outcome() == CheckResult.Outcome.FAIL && c.level() == Level.SHOULD);
        if (mustFailed) {
            return "NOT CONFORMANT (a MUST check failed)";
        }
        if (shouldFailed) {
            return strict ? "NOT CONFORMANT (strict run: a SHOULD check failed)"
                    : "CONFORMANT (every MUST check passed or does not apply; a SHOULD check failed, which only --strict counts)";
        }
        return "CONFORMANT (every " + (strict ? "MUST and SHOULD" : "MUST") + " check passed or does not apply)";
    }

    public void printTable(PrintStream out) {
        out.println();
        out.printf("%-7s %-6s %-15s %s%n", "CHECK", "LEVEL", "RESULT", "DESCRIPTION");
        for (CheckResult check : checks) {
            out.printf("%-7s %-6s %-15s %s%n", check.id(), check.level(), check.outcome().label(), check.description());
            if (check.outcome() == CheckResult.Outcome.FAIL) {
                check.details().forEach(detail -> out.println("    " + HtmlReport.redact(detail).replace("\n", "\n    ")));
            }
        }
        out.printf("%n%d passed, %d failed, %d not applicable: %s%n", count(CheckResult.Outcome.PASS),
                count(CheckResult.Outcome.FAIL), count(CheckResult.Outcome.NOT_APPLICABLE), verdict());
    }

    public void writeJson(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode()
                .put("suite", "ensemu-conformance")
                .put("suiteVersion", suiteVersion)
                .put("openApiSha256", openApiSha256)
                .put("endpoint", endpoint)
                .put("signature", signature)
                .put("startedAt", startedAt.toString())
                .put("finishedAt", finishedAt.toString())
                .put("strict", strict)
                .put("conformant", conformant())
                .put("verdict", verdict());
        root.putObject("summary")
                .put("passed", count(CheckResult.Outcome.PASS))
                .put("failed", count(CheckResult.Outcome.FAIL))
                .put("notApplicable", count(CheckResult.Outcome.NOT_APPLICABLE));
        ArrayNode list = root.putArray("checks");
        for (CheckResult check : checks) {
            ObjectNode node = list.addObject()
                    .put("id", check.id())
                    .put("level", check.level().name())
                    .put("description", check.description())
                    .put("result", check.outcome().label())
                    .put("durationMillis", check.durationMillis());
            check.details().stream().map(HtmlReport::redact).forEach(node.putArray("details")::add);
        }
        Files.createDirectories(file.getParent());
        mapper.writeValue(file.toFile(), root);
    }
}
