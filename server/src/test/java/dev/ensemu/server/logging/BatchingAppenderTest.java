package dev.ensemu.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BatchingAppenderTest {
    private final LoggerContext context = new LoggerContext();
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();

    private BatchingAppender started() {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        BatchingAppender appender = new BatchingAppender(written);
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.start();
        return appender;
    }

    private LoggingEvent line(String message) {
        return new LoggingEvent("fqcn", context.getLogger("ensemu.access"), Level.INFO, message, null, null);
    }

    private String writtenText() {
        return written.toString(StandardCharsets.UTF_8); // synchronized, like every ByteArrayOutputStream method
    }

    @Test
    void linesAppearWithinMillisecondsWithoutStopping() throws Exception {
        BatchingAppender appender = started();
        appender.doAppend(line("first"));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!writtenText().equals("first\n") && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(writtenText()).isEqualTo("first\n");
        appender.stop();
    }

    @Test
    void everyLineOfManyThreadsIsWrittenOnceAndEachThreadsLinesInOrder() throws Exception {
        BatchingAppender appender = started();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            Thread writer = new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    appender.doAppend(line(thread + ":" + i));
                }
            });
            writer.start();
            threads.add(writer);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        appender.stop();

        List<String> lines = writtenText().lines().toList();
        assertThat(lines).hasSize(8 * 20_000);
        int[] next = new int[8];
        for (String line : lines) {
            int thread = Integer.parseInt(line.substring(0, line.indexOf(':')));
            assertThat(Integer.parseInt(line.substring(line.indexOf(':') + 1))).isEqualTo(next[thread]++);
        }
    }
}
