package io.learnhub.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * promtool (Debian's prometheus package) validates the Prometheus config and every rule file it loads, and runs
 * each rule file's unit tests (tests/<name>_test.yml).
 */
class PromtoolTest {

    private static Commands.Result promtool(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = Commands.promtool();
        System.arraycopy(args, 0, command, 1, args.length);
        return Commands.run(Repo.ROOT, command);
    }

    @Test
    void prometheusConfigAndTheRuleFilesItLoadsAreValid() {
        Commands.Result result = promtool("check", "config", "infra/prometheus/prometheus.yml");
        assertThat(result.exitCode()).as(result.describe()).isZero();
    }

    static List<String> ruleFiles() {
        return ObservabilityChecks.ruleFiles();
    }

    @ParameterizedTest
    @MethodSource("ruleFiles")
    void rulesAreValid(String ruleFile) {
        Commands.Result result = promtool("check", "rules", ruleFile);
        assertThat(result.exitCode()).as(result.describe()).isZero();
    }

    @ParameterizedTest
    @MethodSource("ruleFiles")
    void ruleUnitTestsPass(String ruleFile) {
        Commands.Result result = promtool("test", "rules", ObservabilityChecks.ruleTestFile(ruleFile));
        assertThat(result.exitCode()).as(result.describe()).isZero();
    }

    @Nested
    class CatchesMistakes {

        private static final String FIXTURES = "infra/deploy-checks/src/test/resources/fixtures/prometheus/";

        @Test
        void invalidPromQlFailsCheckRules() {
            Commands.Result result = promtool("check", "rules", FIXTURES + "invalid_rules.yml");
            assertThat(result.exitCode()).as(result.describe()).isNotZero();
            assertThat(result.stdout() + result.stderr()).contains("BrokenExpression");
        }

        @Test
        void anAlertFiringWhereTheTestExpectsSilenceFailsTestRules() {
            Commands.Result result = promtool("test", "rules", FIXTURES + "failing_rules_test.yml");
            assertThat(result.exitCode()).as(result.describe()).isNotZero();
            assertThat(result.stdout() + result.stderr()).contains("SpansRefused");
        }
    }
}
