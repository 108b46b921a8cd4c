package dev.ensemu.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ensemu.server.auth.AuthMode;
import dev.ensemu.server.logging.LogFormat;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.event.Level;

class ServerCommandTest {
    @Test
    void defaultsAreLoopbackPort8080VerifyAndTheBundledSeed() {
        EmulatorConfig config = ServerCommand.parse(new String[0], Map.of()).config();

        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.auth()).isEqualTo(AuthMode.VERIFY);
        assertThat(config.seed()).isEmpty();
    }

    @Test
    void flagsWinOverEnvironment() {
        EmulatorConfig config = ServerCommand.parse(new String[] {"--port", "9000", "--auth=anonymous"},
                Map.of("ENSEMU_PORT", "7000", "ENSEMU_HOST", "0.0.0.0", "ENSEMU_SEED", "/tmp/s.json")).config();

        assertThat(config.port()).isEqualTo(9000);
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.seed()).contains(Path.of("/tmp/s.json"));
        assertThat(config.auth()).isEqualTo(AuthMode.ANONYMOUS);
    }

    @Test
    void helpAndVersionAreRequestsNotRuns() {
        assertThat(ServerCommand.parse(new String[] {"--help"}, Map.of()).request()).isEqualTo(ServerCommand.Request.HELP);
        assertThat(ServerCommand.parse(new String[] {"--version"}, Map.of()).request()).isEqualTo(ServerCommand.Request.VERSION);
        assertThat(ServerCommand.help()).contains("--host", "--port", "--seed", "--auth", "--nonce-capacity",
                "ENSEMU_HOST", "ENSEMU_PORT", "ENSEMU_SEED", "ENSEMU_AUTH", "ENSEMU_NONCE_CAPACITY");
    }

    @Test
    void databaseUrlsAreReadInBothFormsAndNotWithADataDirectory() {
        EmulatorConfig config = ServerCommand.parse(new String[0],
                Map.of("ENSEMU_DATABASE", "postgresql://ens%40mu:p%3Ass@db.example:5433/shared?sslmode=require")).config();
        assertThat(config.database().orElseThrow().jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5433/shared?sslmode=require");
        assertThat(config.database().orElseThrow().user()).contains("ens@mu");
        assertThat(config.database().orElseThrow().password()).contains("p:ss");
        assertThat(config.database().orElseThrow().toString()).doesNotContain("p:ss").doesNotContain("p%3Ass");
        assertThat(ServerCommand.parse(new String[] {"--database", "jdbc:postgresql://db/ensemu?user=u&password=secret"}, Map.of())
                .config().database().orElseThrow().redacted()).isEqualTo("jdbc:postgresql://db/ensemu?user=u&password=***");
        assertThatThrownBy(() -> ServerCommand.parse(new String[] {"--database", "postgresql://u:secret@db/ensemu", "--data-dir", "d"},
                Map.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not both")
                .hasMessageNotContaining("secret");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--port|70000|--port must be a whole number from 0 to 65535",
        "--port|http|--port must be a whole number from 0 to 65535",
        "--auth|open|--auth must be verify or anonymous",
        "--nonce-capacity|0|--nonce-capacity must be a whole number from 1",
        "--colour|red|unknown option --colour",
        "--log-format|xml|--log-format must be text or json",
        "--log-level|loud|--log-level must be error, warn, info, debug or trace",
        "--tls-port|443x|--tls-port must be a whole number from 0 to 65535",
        "--tls-cert|cert.pem|--tls-cert needs --tls-port",
        "--journal-max-bytes|100|--journal-max-bytes must be a whole number from 65536",
        "--database|mysql://db/ensemu|--database: expected postgresql://user:password@host:port/database",
        "--database|postgresql://user:secret@db|--database: needs a host and a database name"
    })
    void badFlagsExplainThemselves(String flag, String value, String message) {
        assertThatThrownBy(() -> ServerCommand.parse(new String[] {flag, value}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void logFormatAndLevelComeFromFlagsOrEnvironmentAndDefaultToTextInfo() {
        assertThat(ServerCommand.parse(new String[0], Map.of()).logging())
                .isEqualTo(new ServerCommand.Logging(LogFormat.TEXT, Level.INFO));
        assertThat(ServerCommand.parse(new String[] {"--log-level=WARN"}, Map.of("ENSEMU_LOG_FORMAT", "json")).logging())
                .isEqualTo(new ServerCommand.Logging(LogFormat.JSON, Level.WARN));
        assertThat(ServerCommand.parse(new String[] {"--log-format", "text"}, Map.of("ENSEMU_LOG_FORMAT", "json")).logging().format())
                .isEqualTo(LogFormat.TEXT);
    }

    @Test
    void tlsFlagsMakeOneSettingFromFlagsOrEnvironment() {
        assertThat(ServerCommand.parse(new String[] {"--tls-port", "8443"}, Map.of()).config().tls())
                .contains(dev.ensemu.server.TlsConfig.selfSigned(8443));
        assertThat(ServerCommand.parse(new String[] {"--tls-key", "k.pem"}, Map.of("ENSEMU_TLS_PORT", "0", "ENSEMU_TLS_CERT", "c.pem"))
                .config().tls()).contains(new dev.ensemu.server.TlsConfig(0, java.util.Optional.of(java.nio.file.Path.of("c.pem")),
                java.util.Optional.of(java.nio.file.Path.of("k.pem"))));
        assertThatThrownBy(() -> ServerCommand.parse(new String[] {"--tls-port", "0", "--tls-cert", "c.pem"}, Map.of()))
                .hasMessage("--tls-cert and --tls-key go together: give both or neither");
        assertThat(ServerCommand.parse(new String[0], Map.of()).config().tls()).isEmpty();
    }

    @Test
    void everyValueOptionNamesTheEnvironmentVariableItIsReadFrom() {
        picocli.CommandLine.Model.CommandSpec spec = ServerCommand.declarations();
        java.util.List<String> valueOptions = spec.options().stream().filter(o -> o.arity().max() > 0)
                .map(picocli.CommandLine.Model.OptionSpec::longestName).toList();

        assertThat(valueOptions).hasSizeGreaterThanOrEqualTo(20);
        for (String option : valueOptions) {
            String variable = ServerCommand.environmentVariable(option);
            assertThat(String.join(" ", spec.findOption(option).description())).as(option).contains(variable);
            String value = option.equals("--log-format") ? "xml" : "not-valid-here";
            if (!java.util.Set.of("--host", "--seed", "--data-dir", "--admin-token", "--tls-cert", "--tls-key").contains(option)) {
                Map<String, String> env = new java.util.HashMap<>(Map.of("ENSEMU_TLS_PORT", "0"));
                env.put(variable, value);
                assertThatThrownBy(() -> ServerCommand.parse(new String[0], env))
                        .as(variable).hasMessageStartingWith(option);
            }
        }
    }

    @Test
    void flagWithoutValueIsNamed() {
        assertThatThrownBy(() -> ServerCommand.parse(new String[] {"--seed"}, Map.of())).hasMessage("--seed needs a value");
    }

    @Test
    void badEnvironmentValueIsNamedLikeAFlag() {
        assertThatThrownBy(() -> ServerCommand.parse(new String[0], Map.of("ENSEMU_PORT", "x")))
                .hasMessageContaining("--port must be a whole number");
    }

    @Test
    void aVariableEndingInFileNamesTheFileThatHoldsTheValue(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path token = java.nio.file.Files.writeString(dir.resolve("token"), "s3cret-token\n");
        Path port = java.nio.file.Files.writeString(dir.resolve("port"), "7001");

        EmulatorConfig config = ServerCommand.parse(new String[0],
                Map.of("ENSEMU_ADMIN_TOKEN_FILE", token.toString(), "ENSEMU_PORT_FILE", port.toString())).config();

        assertThat(config.adminToken()).contains("s3cret-token");
        assertThat(config.port()).isEqualTo(7001);
        assertThat(ServerCommand.parse(new String[] {"--port", "9000"}, Map.of("ENSEMU_PORT_FILE", port.toString())).config().port())
                .as("a flag wins over the file").isEqualTo(9000);
    }

    @Test
    void aVariableAndItsFileTogetherOrAFileThatCannotBeReadIsOneLine(@org.junit.jupiter.api.io.TempDir Path dir) {
        assertThatThrownBy(() -> ServerCommand.parse(new String[0], Map.of("ENSEMU_ADMIN_TOKEN", "a", "ENSEMU_ADMIN_TOKEN_FILE", "/x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ENSEMU_ADMIN_TOKEN and ENSEMU_ADMIN_TOKEN_FILE are both set: set one of them");
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> ServerCommand.parse(new String[0], Map.of("ENSEMU_ADMIN_TOKEN_FILE", missing.toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ENSEMU_ADMIN_TOKEN_FILE: cannot read " + missing + " (NoSuchFileException)");
    }

    @Test
    void theProxyNeedsAnUpstreamAndAKeyTogether() {
        EmulatorConfig config = ServerCommand.parse(new String[] {"--upstream", "https://ens.aliyuncs.com", "--upstream-key-id", "id",
                "--record", "seed.json", "--upstream-timeout", "1500ms"}, Map.of("ENSEMU_UPSTREAM_KEY_SECRET", "s3cret")).config();
        assertThat(config.proxy()).hasValueSatisfying(proxy -> {
            assertThat(proxy.upstream().endpoint()).hasToString("https://ens.aliyuncs.com/");
            assertThat(proxy.upstream().keySecret()).isEqualTo("s3cret");
            assertThat(proxy.upstream().timeout()).isEqualTo(java.time.Duration.ofMillis(1500));
            assertThat(proxy.upstream().toString()).doesNotContain("s3cret");
            assertThat(proxy.record()).contains(Path.of("seed.json"));
            assertThat(proxy.violationsReport()).isEmpty();
        });
        assertThat(ServerCommand.parse(new String[0], Map.of()).config().proxy()).isEmpty();

        assertThatThrownBy(() -> ServerCommand.parse(new String[] {"--upstream", "http://127.0.0.1:9"}, Map.of()))
                .hasMessage("--upstream needs --upstream-key-id and --upstream-key-secret");
        assertThatThrownBy(() -> ServerCommand.parse(new String[] {"--upstream-key-id", "id", "--upstream-key-secret", "s"}, Map.of()))
                .hasMessage("--upstream-key-id needs --upstream");
        assertThatThrownBy(() -> ServerCommand.parse(new String[] {"--violations-report", "dir"}, Map.of()))
                .hasMessage("--violations-report needs --upstream");
        assertThatThrownBy(() -> ServerCommand.parse(new String[] {"--upstream", "ftp://host", "--upstream-key-id", "i",
                "--upstream-key-secret", "s"}, Map.of())).hasMessage("--upstream must be an http:// or https:// URL with a host, not \"ftp://host\"");
        assertThatThrownBy(() -> ServerCommand.parse(new String[] {"--upstream", "http://host/ens?x=1", "--upstream-key-id", "i",
                "--upstream-key-secret", "s"}, Map.of())).hasMessageStartingWith("--upstream is an endpoint (scheme, host, port), without a path");
    }
}
