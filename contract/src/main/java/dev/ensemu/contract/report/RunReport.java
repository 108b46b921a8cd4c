package dev.ensemu.contract.report;

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

/**
 * A finished run: what was tested, when, each check's result and each rule's (the traceability
 * matrix); printed as a table and written as JSON, JUnit XML and HTML.
 *
 * @param suite what produced it: {@link #CONFORMANCE} (the suite) or {@link #PROXY} (the proxy's checks of exchanges)
 */
public record RunReport(String suite, String suiteVersion, String openApiSha256, String endpoint, String signature, Instant startedAt,
        Instant finishedAt, List<CheckResult> checks, List<RuleResult> rules, List<OperationResult> operations, boolean strict) {

    public static final String CONFORMANCE = "ensemu conformance";
    public static final String PROXY = "ensemu proxy";

    /**
     * Writes the four files of a report into {@code dir}: {@code <name>-report.json},
     * {@code TEST-<name>-rules.xml}, {@code TEST-<name>-operations.xml} and {@code <name>-report.html}.
     */
    public void writeTo(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        writeJson(dir.resolve(name + "-report.json"));
        writeJUnitRules(dir.resolve("TEST-" + name + "-rules.xml"));
        writeJUnitOperations(dir.resolve("TEST-" + name + "-operations.xml"));
        HtmlReport.write(this, dir.resolve(name + "-report.html"));
    }

    public long count(CheckResult.Outcome outcome) {
        return checks.stream().filter(c -> c.outcome() == outcome).count();
    }

    /**
     * Conformant when every MUST check (in a strict run: every check) passed or does not apply to
     * the target, and every operation the run requires is implemented.
     */
    public boolean conformant() {
        return checks.stream().noneMatch(c -> c.breaksConformance(strict)) && missingOperations().isEmpty();
    }

    /** The operations the run requires that the endpoint does not implement. */
    public List<String> missingOperations() {
        return operations.stream().filter(o -> o.verdict() == OperationResult.Verdict.MISSING).map(OperationResult::action).toList();
    }

    public long count(RuleResult.Outcome outcome) {
        return rules.stream().filter(r -> r.outcome() == outcome).count();
    }

    /** How many of the rules this run verified, e.g. "48 of 57 rules verified (1 failing, 2 not applicable, 6 not checked)". */
    public String rulesVerified() {
        return count(RuleResult.Outcome.VERIFIED) + " of " + rules.size() + " rules verified (" + count(RuleResult.Outcome.FAIL)
                + " failing, " + count(RuleResult.Outcome.NOT_APPLICABLE) + " not applicable, " + count(RuleResult.Outcome.NOT_CHECKED)
                + " not checked)";
    }

    /** The words of the verdict, saying which level decided it and how many rules were verified. */
    public String verdict() {
        return decision() + "; " + rulesVerified();
    }

    private String decision() {
        if (!missingOperations().isEmpty()) {
            return "NOT CONFORMANT (required operations not implemented: " + String.join(", ", missingOperations()) + ")";
        }
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
        out.println();
        out.printf("%-10s %-8s %-15s %s%n", "RULE", "LEVEL", "RESULT", "CHECKS");
        for (RuleResult rule : rules) {
            out.printf("%-10s %-8s %-15s %s%n", rule.rule().id(), rule.rule().level(), rule.outcome().label(), String.join(" ", rule.checks()));
        }
        out.println();
        out.printf("%-28s %-12s %-9s %-26s %s%n", "OPERATION", "IMPLEMENTED", "REQUIRED", "VERDICT", "CHECKS");
        for (OperationResult operation : operations) {
            out.printf("%-28s %-12s %-9s %-26s %d%n", operation.action(), operation.implemented() ? "yes" : "no",
                    operation.required() ? "yes" : "no", operation.verdict().label(), operation.checks().size());
        }
        out.printf("%n%d passed, %d failed, %d not applicable: %s%n", count(CheckResult.Outcome.PASS),
                count(CheckResult.Outcome.FAIL), count(CheckResult.Outcome.NOT_APPLICABLE), verdict());
    }

    public void writeJson(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode()
                .put("suite", suite.replace(' ', '-'))
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
                .put("notApplicable", count(CheckResult.Outcome.NOT_APPLICABLE))
                .put("rules", rules.size())
                .put("rulesVerified", count(RuleResult.Outcome.VERIFIED))
                .put("rulesFailing", count(RuleResult.Outcome.FAIL))
                .put("rulesNotApplicable", count(RuleResult.Outcome.NOT_APPLICABLE))
                .put("rulesNotChecked", count(RuleResult.Outcome.NOT_CHECKED));
        ArrayNode list = root.putArray("checks");
        for (CheckResult check : checks) {
            ObjectNode node = list.addObject()
                    .put("id", check.id())
                    .put("level", check.level().name())
                    .put("description", check.description())
                    .put("result", check.outcome().label())
                    .put("durationMillis", check.durationMillis());
            check.rules().forEach(node.putArray("rules")::add);
            check.operations().forEach(node.putArray("operations")::add);
            check.details().stream().map(HtmlReport::redact).forEach(node.putArray("details")::add);
        }
        ArrayNode operationList = root.putArray("operations");
        for (OperationResult operation : operations) {
            ObjectNode node = operationList.addObject()
                    .put("action", operation.action())
                    .put("implemented", operation.implemented())
                    .put("required", operation.required())
                    .put("verdict", operation.verdict().label());
            operation.checks().forEach(node.putArray("checks")::add);
        }
        ArrayNode ruleList = root.putArray("rules");
        for (RuleResult rule : rules) {
            ObjectNode node = ruleList.addObject()
                    .put("id", rule.rule().id())
                    .put("family", rule.rule().family())
                    .put("level", rule.rule().level().name())
                    .put("result", rule.outcome().label())
                    .put("text", rule.rule().text())
                    .put("source", rule.rule().source());
            ArrayNode sources = node.putArray("sources");
            rule.rule().sources().forEach(source -> sources.addObject().put("id", source.id()).put("kind", source.kind().label())
                    .put("title", source.title()).put("where", source.where()));
            rule.rule().reason().ifPresent(reason -> node.put("reason", reason));
            rule.checks().forEach(node.putArray("checks")::add);
        }
        Files.createDirectories(file.getParent());
        mapper.writeValue(file.toFile(), root);
    }

    /**
     * The matrix as a JUnit XML suite (one test case per rule, grouped by family as the class name):
     * failing rules are failures naming their failing checks, rules not applicable or not checked
     * are skipped, so CI dashboards show the rules beside the checks.
     */
    public void writeJUnitRules(Path file) throws IOException {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<testsuite name=\"" + xmlText(suite) + " rules\" tests=\"").append(rules.size())
                .append("\" failures=\"").append(count(RuleResult.Outcome.FAIL))
                .append("\" errors=\"0\" skipped=\"").append(rules.size() - count(RuleResult.Outcome.VERIFIED) - count(RuleResult.Outcome.FAIL))
                .append("\" timestamp=\"").append(startedAt).append("\">\n");
        for (RuleResult rule : rules) {
            xml.append("  <testcase classname=\"rules.").append(xmlText(rule.rule().family())).append("\" name=\"")
                    .append(xmlText(rule.rule().id() + " (" + rule.rule().level() + "): " + rule.rule().text())).append("\">");
            String checks = rule.checks().isEmpty() ? "no check" : "checks " + String.join(", ", rule.checks());
            switch (rule.outcome()) {
                case FAIL -> {
                    String failing = checks().stream().filter(c -> rule.checks().contains(c.id()) && c.outcome() == CheckResult.Outcome.FAIL)
                            .map(CheckResult::id).reduce((a, b) -> a + ", " + b).orElse("");
                    xml.append("<failure message=\"").append(xmlText("failed by " + failing)).append("\"/>");
                }
                case NOT_APPLICABLE, NOT_CHECKED -> xml.append("<skipped message=\"").append(xmlText(rule.outcome().label() + " (" + checks + ")"))
                        .append("\"/>");
                case VERIFIED -> xml.append("<system-out>").append(xmlText("verified by " + checks)).append("</system-out>");
            }
            xml.append("</testcase>\n");
        }
        xml.append("</testsuite>\n");
        Files.createDirectories(file.getParent());
        Files.writeString(file, xml, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The operations as a JUnit XML suite: one test case each, failed when not conformant or required and missing. */
    public void writeJUnitOperations(Path file) throws IOException {
        long failed = operations.stream().filter(o -> o.verdict() == OperationResult.Verdict.NOT_CONFORMANT
                || o.verdict() == OperationResult.Verdict.MISSING).count();
        long skipped = operations.stream().filter(o -> o.verdict() == OperationResult.Verdict.NOT_IMPLEMENTED).count();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<testsuite name=\"" + xmlText(suite) + " operations\" tests=\"").append(operations.size()).append("\" failures=\"")
                .append(failed).append("\" errors=\"0\" skipped=\"").append(skipped).append("\" timestamp=\"").append(startedAt).append("\">\n");
        for (OperationResult operation : operations) {
            xml.append("  <testcase classname=\"operations\" name=\"").append(xmlText(operation.action())).append("\">");
            List<String> failing = checks.stream().filter(c -> operation.checks().contains(c.id()) && c.breaksConformance(strict))
                    .map(CheckResult::id).toList();
            switch (operation.verdict()) {
                case NOT_CONFORMANT -> xml.append("<failure message=\"").append(xmlText("failed by " + String.join(", ", failing)))
                        .append("\"/>");
                case MISSING -> xml.append("<failure message=\"required by the run, not implemented by the endpoint\"/>");
                case NOT_IMPLEMENTED -> xml.append("<skipped message=\"not implemented by the endpoint\"/>");
                case CONFORMANT -> xml.append("<system-out>").append(xmlText("conformant: " + String.join(", ", operation.checks())))
                        .append("</system-out>");
            }
            xml.append("</testcase>\n");
        }
        xml.append("</testsuite>\n");
        Files.createDirectories(file.getParent());
        Files.writeString(file, xml, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String xmlText(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
