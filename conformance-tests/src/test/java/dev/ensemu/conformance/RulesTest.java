package dev.ensemu.conformance;

import dev.ensemu.conformance.checks.Coverage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ensemu.conformance.checks.Check;
import dev.ensemu.contract.report.Level;
import dev.ensemu.contract.report.RuleResult;
import dev.ensemu.contract.rules.Rule;
import dev.ensemu.contract.rules.RuleLevel;
import dev.ensemu.contract.rules.Rules;
import dev.ensemu.contract.rules.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The traceability matrix holds: every rule is covered as its level demands, every check covers rules that exist. */
class RulesTest {
    /** A numbered entry of SPEC-NOTES.md: "27. ..." or "28a. ..." at the start of a line. */
    private static final Pattern ENTRY = Pattern.compile("^(\\d+[a-z]?)\\. ");
    private static final List<Rule> RULES = Rules.all();
    private static final List<Check> CHECKS = ConformanceRunner.list(null);

    @Test
    void everyMustRuleHasAMustCheck() {
        List<String> uncovered = ConformanceRunner.coverage().stream().filter(Coverage::uncovered)
                .map(line -> line.rule().id() + " (" + line.rule().level() + "): " + line.rule().text()).toList();

        assertThat(uncovered).as("rules without the check their level demands (see --list-rules)").isEmpty();
    }

    @Test
    void everyRuleHasAStableUniqueIdAndEveryExceptionItsReason() {
        assertThat(RULES).extracting(Rule::id).doesNotHaveDuplicates().allMatch(id -> id.matches("R-[A-Z]{3}-\\d{2}"));
        assertThat(RULES).filteredOn(rule -> rule.level() != RuleLevel.MUST)
                .allSatisfy(rule -> assertThat(rule.reason()).as("why %s is %s", rule.id(), rule.level()).isPresent());
        assertThat(RULES).hasSizeGreaterThanOrEqualTo(50);
    }

    @Test
    void everyCheckCoversRulesThatExist() {
        Set<String> ids = RULES.stream().map(Rule::id).collect(Collectors.toSet());
        assertThat(CHECKS).allSatisfy(check -> {
            assertThat(check.rules()).as("rules of %s", check.id()).isNotEmpty();
            assertThat(Arrays.asList(check.rules())).as("rules of %s", check.id()).allMatch(ids::contains);
        });
        assertThat(CHECKS).extracting(Check::id).doesNotHaveDuplicates();
    }

    @Test
    void everyMustRuleTracesToASourceOutsideEnsemu() {
        assertThat(RULES).filteredOn(rule -> rule.level() == RuleLevel.MUST).allSatisfy(rule -> assertThat(rule.sources())
                .as("%s is a MUST, so it names an ENS page, Alibaba documentation, the API metadata, an SDK or a standard, not only"
                        + " ensemu's own decisions: %s", rule.id(), rule.source())
                .anyMatch(Source::external));
    }

    @Test
    void everySourceCanBeOpened() throws IOException {
        // SPEC-NOTES entries the rules cite exist in the repository's api/SPEC-NOTES.md ...
        Set<String> entries = Files.readAllLines(Path.of("..", "api", "SPEC-NOTES.md")).stream()
                .map(ENTRY::matcher).filter(Matcher::find).map(m -> m.group(1)).collect(Collectors.toSet());
        assertThat(RULES.stream().flatMap(rule -> rule.sources().stream()).filter(source -> !source.external()).map(Source::specNotesEntry))
                .as("SPEC-NOTES entries cited by rules.yaml").allMatch(entries::contains);
        // ... every other source is a public address, and every declared one is cited.
        assertThat(Rules.sources()).allSatisfy(source -> assertThat(source.where()).as(source.id()).startsWith("https://"));
        Set<String> cited = RULES.stream().flatMap(rule -> rule.sources().stream()).map(Source::id).collect(Collectors.toSet());
        assertThat(Rules.sources()).extracting(Source::id).allMatch(cited::contains);
        assertThat(RULES).allSatisfy(rule -> assertThat(rule.text() + rule.reason().orElse(""))
                .as("%s cites a file outside the repository", rule.id()).doesNotContain("design.md", "wire-protocol.md", "shared/"));
    }

    @Test
    void aMustCheckAssertsOnlyMustRules() {
        Map<String, RuleLevel> levels = RULES.stream().collect(Collectors.toMap(Rule::id, Rule::level));
        assertThat(CHECKS).filteredOn(check -> check.level() == Level.MUST).allSatisfy(check -> assertThat(Arrays.stream(check.rules()))
                .as("%s is a MUST check, so a failure of a SHOULD rule it covers would fail the run", check.id())
                .allMatch(id -> levels.get(id) == RuleLevel.MUST));
    }

    @Test
    void emulatorRulesAreLeftToTheServersOwnTests() {
        assertThat(CHECKS).allSatisfy(check -> assertThat(Arrays.stream(check.rules())
                .map(id -> RULES.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow().level()))
                .as("%s covers an EMULATOR rule, which no endpoint but ensemu has to honour", check.id()).doesNotContain(RuleLevel.EMULATOR));
    }
}
