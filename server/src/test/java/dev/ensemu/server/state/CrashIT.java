package dev.ensemu.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ensemu.server.support.Admin;
import dev.ensemu.server.support.Http;
import dev.ensemu.server.support.PackagedServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server under a write loop is killed with SIGKILL at random moments; after every
 * restart each write it acknowledged is there and the data loads.
 */
class CrashIT {
    private static final String ACCOUNT = "/accounts/1000000000000001/images";

    @TempDir
    Path dataDir;

    private PackagedServer start() throws Exception {
        return PackagedServer.start(List.of(), "--port", "0", "--data-dir", dataDir.toString(), "--admin-token", "crash",
                "--auth", "anonymous");
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
            PackagedServer server = start();
            assertThat(storedIds(server.baseUri())).as("round %d", round).containsAll(acknowledged);

            Admin admin = new Admin(server.baseUri(), "crash");
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
            server.kill();
            server.close();
            writer.join(10_000);
            acknowledged.addAll(roundAcks);
        }
        try (PackagedServer last = start()) {
            assertThat(acknowledged).hasSizeGreaterThan(20);
            assertThat(storedIds(last.baseUri())).containsAll(acknowledged);
            assertThat(dataDir.resolve("state.json")).exists();
        }
    }
}
