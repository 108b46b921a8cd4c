package dev.ensemu.server.state;

import static dev.ensemu.server.support.Http.ACTION;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ensemu.server.EmulatorConfig;
import dev.ensemu.server.EnsEmulator;
import dev.ensemu.server.auth.AuthMode;
import dev.ensemu.server.support.Admin;
import dev.ensemu.server.support.Http;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Readers paging while a writer replaces the catalog see whole versions only, never a mix. */
class ConsistentPagesIT {
    /** Version k has 5 + k % 20 images, all named gen-k. */
    private static String version(int k) {
        StringJoiner images = new StringJoiner(",", "[", "]");
        for (int i = 0; i < 5 + k % 20; i++) {
            images.add(Admin.image("m-" + k + "-" + i, "gen-" + k, "2030-01-01T00:00:" + String.format("%02d", i) + "Z", "Unexported"));
        }
        return images.toString();
    }

    @Test
    void everyPageComesFromOneVersion() throws Exception {
        try (EnsEmulator emulator = EnsEmulator.start(EmulatorConfig.builder().port(0).auth(AuthMode.ANONYMOUS).adminToken("t").build())) {
            Admin admin = new Admin(emulator.baseUri(), "t");
            Http http = new Http(emulator.baseUri());
            admin.put("/accounts/1000000000000001/images", version(0));
            AtomicBoolean writing = new AtomicBoolean(true);
            ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
            AtomicInteger pagesRead = new AtomicInteger();
            Set<Integer> versionsSeen = java.util.concurrent.ConcurrentHashMap.newKeySet();
            List<Thread> readers = new ArrayList<>();
            for (int r = 0; r < 4; r++) {
                int pageSize = 3 + r * 5;
                Thread reader = new Thread(() -> {
                    while (writing.get()) {
                        JsonNode page = http.get(ACTION + "&PageSize=" + pageSize).json();
                        Set<String> names = new HashSet<>();
                        page.path("Images").path("Image").forEach(i -> names.add(i.path("ImageName").asText()));
                        if (names.size() != 1) {
                            violations.add("mixed names " + names);
                            continue;
                        }
                        int k = Integer.parseInt(names.iterator().next().substring(4));
                        versionsSeen.add(k);
                        int total = page.path("TotalCount").asInt();
                        if (total != 5 + k % 20 || page.path("Images").path("Image").size() != Math.min(pageSize, total)) {
                            violations.add("version " + k + " with TotalCount " + total);
                        }
                        pagesRead.incrementAndGet();
                    }
                });
                reader.start();
                readers.add(reader);
            }
            for (int k = 1; k <= 150; k++) {
                assertThat(admin.put("/accounts/1000000000000001/images", version(k)).status()).isEqualTo(204);
            }
            writing.set(false);
            for (Thread reader : readers) {
                reader.join(10_000);
            }
            assertThat(violations).isEmpty();
            assertThat(pagesRead.get()).isGreaterThan(100);
            assertThat(versionsSeen).hasSizeGreaterThan(10);
        }
    }
}
