package dev.ensemu.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

class JsonLineEncoderTest {
    private final LoggerContext context = new LoggerContext();
    private final JsonLineEncoder encoder = new JsonLineEncoder();

    @Test
    void oneFlatObjectPerLineWithKeyValuesAsFieldsAndNumbersAsNumbers() throws Exception {
        LoggingEvent event = new LoggingEvent("fqcn", context.getLogger("ensemu.access"), Level.INFO,
                "A1 GET DescribeExportImageInfo - 200 Success 3ms", null, null);
        event.setTimeStamp(1_764_219_000_123L);
        event.addKeyValuePair(new KeyValuePair("requestId", "A1"));
        event.addKeyValuePair(new KeyValuePair("status", 200));
        event.addKeyValuePair(new KeyValuePair("latencyMillis", 3L));

        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

        assertThat(line).endsWith("}\n").doesNotContain("\n{");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.path("time").asText()).isEqualTo("2025-11-27T04:50:00.123Z");
        assertThat(json.path("level").asText()).isEqualTo("INFO");
        assertThat(json.path("logger").asText()).isEqualTo("ensemu.access");
        assertThat(json.path("message").asText()).isEqualTo("A1 GET DescribeExportImageInfo - 200 Success 3ms");
        assertThat(json.path("requestId").asText()).isEqualTo("A1");
        assertThat(json.path("status").isNumber()).isTrue();
        assertThat(json.path("status").asInt()).isEqualTo(200);
        assertThat(json.path("latencyMillis").asLong()).isEqualTo(3);
    }

    @Test
    void aFailureKeepsItsStackTraceInOneField() throws Exception {
        LoggingEvent event = new LoggingEvent("fqcn", context.getLogger("x"), Level.ERROR, "RequestId {}: unexpected failure",
                new IllegalStateException("boom\nsecond line"), new Object[] {"B2"});

        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

        assertThat(line.strip().lines()).hasSize(1);
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.path("message").asText()).isEqualTo("RequestId B2: unexpected failure");
        assertThat(json.path("exception").asText()).contains("IllegalStateException: boom", "second line", "at ");
    }
}
