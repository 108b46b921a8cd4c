package dev.ensemu.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TextLineEncoderTest {
    private final LoggerContext context = new LoggerContext();
    private final TextLineEncoder encoder = new TextLineEncoder();

    private String line(String logger, Level level, String message, Throwable thrown, Instant at) {
        LoggingEvent event = new LoggingEvent("fqcn", context.getLogger(logger), level, message, thrown, null);
        event.setTimeStamp(at.toEpochMilli());
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    @Test
    void timeLevelPaddedToFiveShortLoggerNameAndMessage() {
        assertThat(line("ensemu.access", Level.INFO, "A1 GET DescribeExportImageInfo - 200 Success 3ms", null,
                Instant.parse("2025-11-27T04:50:07.123Z")))
                .isEqualTo("2025-11-27T04:50:07.123Z INFO  access: A1 GET DescribeExportImageInfo - 200 Success 3ms\n");
        assertThat(line("dev.ensemu.server.Main", Level.ERROR, "boom", null, Instant.parse("2025-11-27T04:50:07.999Z")))
                .isEqualTo("2025-11-27T04:50:07.999Z ERROR Main: boom\n");
        assertThat(line("ensemu", Level.WARN, "w", null, Instant.parse("2025-11-27T04:50:08Z")))
                .isEqualTo("2025-11-27T04:50:08.000Z WARN  ensemu: w\n");
    }

    @Test
    void aWholeMinuteAndSmallMillisKeepTheirDigits() {
        assertThat(line("x", Level.INFO, "m", null, Instant.parse("2026-01-01T00:00:00.007Z")))
                .startsWith("2026-01-01T00:00:00.007Z INFO  x: m");
        assertThat(line("x", Level.INFO, "m", null, Instant.parse("2026-01-01T00:00:00.070Z")))
                .startsWith("2026-01-01T00:00:00.070Z ");
    }

    @Test
    void aStackTraceFollowsTheLine() {
        String text = line("x", Level.ERROR, "failed", new IllegalStateException("why"), Instant.parse("2026-01-01T00:00:00Z"));

        assertThat(text).startsWith("2026-01-01T00:00:00.000Z ERROR x: failed\njava.lang.IllegalStateException: why")
                .contains("at dev.ensemu.server.logging.TextLineEncoderTest").endsWith("\n");
    }
}
