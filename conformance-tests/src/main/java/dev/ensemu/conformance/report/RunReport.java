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
import java.util.List;

/** A finished run: what was tested, when, and each check's result; printed as a table and written as JSON. */
public record RunReport(String suiteVersion, String openApiSha256, String endpoint, String signature, Instant startedAt,
        Instant finishedAt, List<CheckResult> checks) {

    public long count(CheckResult.Outcome outcome) {
        return checks.stream().filter(c -> c.outcome() == outcome).count();
    }

    /** Conformant when every MUST check passed or does not apply to the target. */
    public boolean conformant() {
        return checks.stream().noneMatch(CheckResult::breaksConformance);
    }

    public void printTable(PrintStream out) {
        out.println();
        out.printf("%-7s %-6s %-15s %s%n", "CHECK", "LEVEL", "RESULT", "DESCRIPTION");
        for (CheckResult check : checks) {
            out.printf("%-7s %-6s %-15s %s%n", check.id(), check.level(), check.outcome().label(), check.description());
            if (check.outcome() == CheckResult.Outcome.FAIL) {
                check.details().forEach(detail -> out.println("    " + detail.replace("\n", "\n    ")));
            }
        }
        out.printf("%n%d passed, %d failed, %d not applicable: %s%n", count(CheckResult.Outcome.PASS),
                count(CheckResult.Outcome.FAIL), count(CheckResult.Outcome.NOT_APPLICABLE),
                conformant() ? "CONFORMANT (every MUST check passed or does not apply)" : "NOT CONFORMANT");
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
                .put("conformant", conformant());
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
                    .put("result", check.outcome().label());
            check.details().forEach(node.putArray("details")::add);
        }
        Files.createDirectories(file.getParent());
        mapper.writeValue(file.toFile(), root);
    }
}
