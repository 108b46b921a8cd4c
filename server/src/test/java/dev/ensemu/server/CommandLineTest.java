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

class CommandLineTest {
    @Test
    void defaultsAreLoopbackPort8080VerifyAndTheBundledSeed() {
        EmulatorConfig config = CommandLine.parse(new String[0], Map.of()).config();

        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.auth()).isEqualTo(AuthMode.VERIFY);
        assertThat(config.seed()).isEmpty();
    }

    @Test
    void flagsWinOverEnvironment() {
        EmulatorConfig config = CommandLine.parse(new String[] {"--port", "9000", "--auth=anonymous"},
                Map.of("ENSEMU_PORT", "7000", "ENSEMU_HOST", "0.0.0.0", "ENSEMU_SEED", "/tmp/s.json")).config();

        assertThat(config.port()).isEqualTo(9000);
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.seed()).contains(Path.of("/tmp/s.json"));
        assertThat(config.auth()).isEqualTo(AuthMode.ANONYMOUS);
    }

    @Test
    void helpAndVersionAreRequestsNotRuns() {
        assertThat(CommandLine.parse(new String[] {"--help"}, Map.of()).request()).isEqualTo(CommandLine.Request.HELP);
        assertThat(CommandLine.parse(new String[] {"--version"}, Map.of()).request()).isEqualTo(CommandLine.Request.VERSION);
        assertThat(CommandLine.HELP).contains("--host", "--port", "--seed", "--auth", "--nonce-capacity",
                "ENSEMU_HOST", "ENSEMU_PORT", "ENSEMU_SEED", "ENSEMU_AUTH", "ENSEMU_NONCE_CAPACITY");
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
        "--tls-cert|cert.pem|--tls-cert need --tls-port",
        "--journal-max-bytes|100|--journal-max-bytes must be a whole number from 65536"
    })
    void badFlagsExplainThemselves(String flag, String value, String message) {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {flag, value}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void logFormatAndLevelComeFromFlagsOrEnvironmentAndDefaultToTextInfo() {
        assertThat(CommandLine.parse(new String[0], Map.of()).logging())
                .isEqualTo(new CommandLine.Logging(LogFormat.TEXT, Level.INFO));
        assertThat(CommandLine.parse(new String[] {"--log-level=WARN"}, Map.of("ENSEMU_LOG_FORMAT", "json")).logging())
                .isEqualTo(new CommandLine.Logging(LogFormat.JSON, Level.WARN));
        assertThat(CommandLine.parse(new String[] {"--log-format", "text"}, Map.of("ENSEMU_LOG_FORMAT", "json")).logging().format())
                .isEqualTo(LogFormat.TEXT);
    }

    @Test
    void tlsFlagsMakeOneSettingFromFlagsOrEnvironment() {
        assertThat(CommandLine.parse(new String[] {"--tls-port", "8443"}, Map.of()).config().tls())
                .contains(dev.ensemu.server.TlsConfig.selfSigned(8443));
        assertThat(CommandLine.parse(new String[] {"--tls-key", "k.pem"}, Map.of("ENSEMU_TLS_PORT", "0", "ENSEMU_TLS_CERT", "c.pem"))
                .config().tls()).contains(new dev.ensemu.server.TlsConfig(0, java.util.Optional.of(java.nio.file.Path.of("c.pem")),
                java.util.Optional.of(java.nio.file.Path.of("k.pem"))));
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--tls-port", "0", "--tls-cert", "c.pem"}, Map.of()))
                .hasMessage("--tls-cert and --tls-key go together: give both or neither");
        assertThat(CommandLine.parse(new String[0], Map.of()).config().tls()).isEmpty();
    }

    @Test
    void flagWithoutValueIsNamed() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--seed"}, Map.of())).hasMessage("--seed needs a value");
    }

    @Test
    void badEnvironmentValueIsNamedLikeAFlag() {
        assertThatThrownBy(() -> CommandLine.parse(new String[0], Map.of("ENSEMU_PORT", "x")))
                .hasMessageContaining("--port must be a whole number");
    }
}
