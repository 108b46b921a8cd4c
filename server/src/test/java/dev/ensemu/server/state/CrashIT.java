package dev.ensemu.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ensemu.server.support.Admin;
import dev.ensemu.server.support.Http;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server under a write loop is killed with SIGKILL at random moments; after every
 * restart each write it acknowledged is there and the data loads.
 */
class CrashIT {
    private static final Path JAR = Path.of("target", "ensemu-server.jar");
    private static final Pattern READY = Pattern.compile("listening on (http://\\S+)");
    private static final String ACCOUNT = "/accounts/1000000000000001/images";

    @TempDir
    Path dataDir;

    private record Running(Process process, URI base) {}

    private Running start() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toString(), "--port", "0", "--data-dir", dataDir.toString(), "--admin-token", "crash", "--auth", "anonymous")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        Matcher ready = READY.matcher(line == null ? "" : line);
        assertThat(ready.find()).as("the server restarted on the saved data: %s", line).isTrue();
        return new Running(process, URI.create(ready.group(1)));
    }

    private static Set<String> storedIds(URI base) {
        Set<String> ids = new HashSet<>();
        JsonNode images = new Admin(base, "crash").get(ACCOUNT).json();
        images.forEach(i -> ids.add(i.path("ImageId").asText()));
        return ids;
    }

    @Test
    void everyAcknowledgedWriteSurvivesKillNine() throws Exception {
        Random random = new Random(20261127);
        Set<String> acknowledged = new HashSet<>();
        AtomicInteger next = new AtomicInteger();
        for (int round = 0; round < 5; round++) {
            Running server = start();
            assertThat(storedIds(server.base())).as("round %d", round).containsAll(acknowledged);

            Admin admin = new Admin(server.base(), "crash");
            Set<String> roundAcks = java.util.concurrent.ConcurrentHashMap.newKeySet();
            Thread writer = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        String id = "m-crash-" + next.incrementAndGet();
                        Http.Answer answer = admin.post(ACCOUNT, Admin.image(id, "crash", "2030-01-01T00:00:00Z", "Unexported"));
                        if (answer.status() == 201) {
                            roundAcks.add(id);
                        }
                        if (next.get() % 3 == 0) {
                            admin.put(ACCOUNT + "/" + id + "/export-status", "{\"status\":\"Exporting\"}");
                        }
                    }
                } catch (RuntimeException connectionLost) {
                    // the server was killed mid-request: that write was never acknowledged
                }
            });
            writer.start();
            Thread.sleep(150 + random.nextInt(450));
            server.process().destroyForcibly(); // SIGKILL
            assertThat(server.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
            writer.join(10_000);
            acknowledged.addAll(roundAcks);
        }
        Running last = start();
        try {
            assertThat(acknowledged).hasSizeGreaterThan(20);
            assertThat(storedIds(last.base())).containsAll(acknowledged);
            assertThat(dataDir.resolve("state.json")).exists();
        } finally {
            last.process().destroyForcibly();
            last.process().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
