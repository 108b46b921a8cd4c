package dev.ensemu.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ensemu.conformance.checks.Check;
import dev.ensemu.contract.exchange.ExchangeCheck;
import dev.ensemu.contract.report.Level;
import dev.ensemu.contract.rules.Rule;
import dev.ensemu.contract.rules.Rules;
import dev.ensemu.contract.rules.Source;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The suite's reference pages under docs/reference/ are generated from their single definitions
 * (the @Check annotations, rules.yaml, the defects): the build fails when a committed page differs
 * from what the code says. {@code -Dreference.write=true} rewrites them.
 */
class ReferencePagesTest {
    private static final Path REFERENCE = Path.of("..", "docs", "reference");
    private static final String REWRITE = "mvn -pl conformance-tests test -Dtest=ReferencePagesTest -Dreference.write=true";
    private static final List<Check> CHECKS = ConformanceRunner.list(null).stream()
            .sorted(Comparator.comparing(Check::id, ReferencePagesTest::byGroupThenNumber)).toList();
    private static final Map<String, Check> CHECK_BY_ID = CHECKS.stream().collect(Collectors.toMap(Check::id, Function.identity()));

    @Test
    void theCheckTableIsTheChecksOwn() throws IOException {
        StringBuilder page = header("Conformance checks", "the `@Check` annotations of `conformance-tests/src/main/java/dev/ensemu/conformance/checks/`");
        page.append("Each check names the rules it covers ([rules](rules.md)) and the operations it calls; a MUST failure fails\n")
                .append("the run, a SHOULD failure only a strict run. ").append(CHECKS.size()).append(" checks.\n\n")
                .append("| check | level | operations | rules | what it verifies |\n| --- | --- | --- | --- | --- |\n");
        for (Check check : CHECKS) {
            page.append("| `").append(check.id()).append("` | ").append(check.level()).append(" | ")
                    .append(check.operations().length == 0 ? "any" : String.join(", ", check.operations())).append(" | ")
                    .append(String.join(", ", check.rules())).append(" | ").append(cell(check.description())).append(" |\n");
        }
        assertPage("checks.md", page);
    }

    @Test
    void theRuleMatrixIsRulesYaml() throws IOException {
        StringBuilder page = header("Conformance rules", "`contract/src/main/resources/dev/ensemu/contract/rules/rules.yaml`");
        page.append("A rule is MUST only when a source outside ensemu states it; one that rests on ensemu's decision alone\n")
                .append("(an `api/SPEC-NOTES.md` entry) is SHOULD or EMULATOR, with its reason. ").append(Rules.all().size()).append(" rules.\n\n")
                .append("| rule | level | statement | sources | checks |\n| --- | --- | --- | --- | --- |\n");
        for (Rule rule : Rules.all()) {
            String checks = CHECKS.stream().filter(c -> Arrays.asList(c.rules()).contains(rule.id()))
                    .map(c -> c.level() == Level.MUST ? c.id() : c.id() + " (SHOULD)").collect(Collectors.joining(", "));
            page.append("| ").append(rule.id()).append(" | ").append(rule.level()).append(" | ").append(cell(rule.text()))
                    .append(rule.reason().map(reason -> " *Why " + rule.level() + ": " + cell(reason) + "*").orElse("")).append(" | ")
                    .append(rule.sources().stream().map(ReferencePagesTest::link).collect(Collectors.joining("; "))).append(" | ")
                    .append(checks.isEmpty() ? "-" : checks).append(" |\n");
        }
        assertPage("rules.md", page);
    }

    @Test
    void theExchangeCheckTableIsTheContractsOwn() throws IOException {
        StringBuilder page = header("Single-exchange checks", "`contract/src/main/java/dev/ensemu/contract/exchange/ExchangeCheck.java`");
        page.append("What one call and its answer can show broken, checked on every answer the proxy relays (`--upstream`,\n")
                .append("[proxy](../proxy.md)) and on every page `record` reads. Each holds the answer to rules of the conformance kit\n")
                .append("([rules](rules.md)) and takes its level from them. ").append(ExchangeCheck.values().length).append(" checks.\n\n")
                .append("| check | level | rules | what it verifies |\n| --- | --- | --- | --- |\n");
        for (ExchangeCheck check : ExchangeCheck.values()) {
            page.append("| `").append(check.id()).append("` | ").append(check.level()).append(" | ").append(String.join(", ", check.rules()))
                    .append(" | ").append(cell(check.description())).append(" |\n");
        }
        assertPage("exchange-checks.md", page);
    }

    @Test
    void theDefectListIsTheDefectsOwn() throws IOException {
        StringBuilder page = header("Proof that the checks can fail", "`conformance-tests/src/test/java/dev/ensemu/conformance/Defect.java`");
        page.append("`DefectiveEndpointsIT` puts a proxy in front of the real server that breaks one behaviour at a time; the\n")
                .append("checks named for each defect must fail, and a strict run fails. ").append(DefectProxy.all().size())
                .append(" defects. The endpoints that are not defects (the proxy without a defect, an endpoint with only the\n")
                .append("listing, one whose refused calls keep their nonce) must pass.\n\n")
                .append("| defect | what the endpoint does | checks that fail |\n| --- | --- | --- |\n");
        for (Defect defect : Defect.values()) {
            String checks = defect.exposedBy().stream().sorted(ReferencePagesTest::byGroupThenNumber)
                    .map(id -> CHECK_BY_ID.get(id).level() == Level.MUST ? id : id + " (SHOULD)").collect(Collectors.joining(", "));
            page.append("| `").append(defect.name()).append("` | ").append(cell(defect.description())).append(" | ")
                    .append(checks.isEmpty() ? "none: it must pass" : checks).append(" |\n");
        }
        assertPage("defects.md", page);
    }

    private static StringBuilder header(String title, String source) {
        return new StringBuilder("<!-- Generated from ").append(source).append(" by ReferencePagesTest: do not edit; ")
                .append(REWRITE).append(" -->\n# ").append(title).append("\n\n");
    }

    private static String link(Source source) {
        return source.external() ? "[" + cell(source.id()) + "](" + source.where() + ")" : "[" + source.id() + "](../../api/SPEC-NOTES.md)";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /** SIG-2 before SIG-10: by group, then by number. */
    private static int byGroupThenNumber(String a, String b) {
        String groupA = a.substring(0, a.lastIndexOf('-'));
        String groupB = b.substring(0, b.lastIndexOf('-'));
        return groupA.equals(groupB) ? Integer.compare(Integer.parseInt(a.substring(a.lastIndexOf('-') + 1)),
                Integer.parseInt(b.substring(b.lastIndexOf('-') + 1))) : groupA.compareTo(groupB);
    }

    private static void assertPage(String name, CharSequence generated) throws IOException {
        Path file = REFERENCE.resolve(name);
        if (Boolean.getBoolean("reference.write")) {
            Files.createDirectories(REFERENCE);
            Files.writeString(file, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "")
                .as("docs/reference/%s differs from what the code generates: %s", name, REWRITE).isEqualTo(generated.toString());
    }
}
