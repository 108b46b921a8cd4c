package dev.ensemu.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ensemu.conformance.checks.Check;
import dev.ensemu.conformance.report.RuleResult;
import dev.ensemu.conformance.rules.Rule;
import dev.ensemu.conformance.rules.RuleLevel;
import dev.ensemu.conformance.rules.Rules;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The traceability matrix holds: every rule is covered as its level demands, every check covers rules that exist. */
class RulesTest {
    private static final List<Rule> RULES = Rules.all();
    private static final List<Check> CHECKS = ConformanceRunner.list(null);

    @Test
    void everyMustRuleHasAMustCheck() {
        List<String> uncovered = ConformanceRunner.coverage().stream().filter(RuleResult.Coverage::uncovered)
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
    void emulatorRulesAreLeftToTheServersOwnTests() {
        assertThat(CHECKS).allSatisfy(check -> assertThat(Arrays.stream(check.rules())
                .map(id -> RULES.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow().level()))
                .as("%s covers an EMULATOR rule, which no endpoint but ensemu has to honour", check.id()).doesNotContain(RuleLevel.EMULATOR));
    }
}
