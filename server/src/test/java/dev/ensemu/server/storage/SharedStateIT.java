package dev.ensemu.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ensemu.server.EmulatorConfig;
import dev.ensemu.server.EnsEmulator;
import dev.ensemu.server.support.Admin;
import dev.ensemu.server.support.DevSeed;
import dev.ensemu.server.support.Http;
import dev.ensemu.server.support.PackagedServer;
import dev.ensemu.server.support.PostgresServer;
import dev.ensemu.server.support.V1Requests;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two in-process instances on one real PostgreSQL server: what one acknowledges the other serves
 * at once (images, keys, faults, nonces, the journal, a reset), the seed never overwrites a
 * database that has state, a newer schema is refused, and an outage is ServiceUnavailable then
 * heals by itself.
 */
class SharedStateIT {
    private static final String IMAGES = "/accounts/1000000000000001/images";
    private static PostgresServer postgres;
    private static EnsEmulator a;
    private static EnsEmulator b;

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresServer.start();
        a = instance();
        b = instance();
    }

    private static EnsEmulator instance() {
        return EnsEmulator.start(EmulatorConfig.builder().port(0).adminToken("t")
                .database(DatabaseUrl.parse(postgres.databaseUrl())).build());
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {a, b, postgres}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @BeforeEach
    void reset() {
        assertThat(new Admin(a.baseUri(), "t").post("/reset", "{}").status()).isEqualTo(204);
    }

    private static Http.Answer send(EnsEmulator instance, Map<String, String> signed) {
        return new Http(instance.baseUri()).get(V1Requests.toQuery(signed));
    }

    @Test
    void everyWriteAcknowledgedByOneInstanceIsServedByTheOtherAtOnce() {
        Admin admin = new Admin(a.baseUri(), "t");
        for (int i = 0; i < 200; i++) {
            String id = "m-pair-" + i;
            assertThat(admin.post(IMAGES, Admin.image(id, "pair", "2030-01-01T00:00:00Z", "Unexported")).status()).isEqualTo(201);
            Http.Answer page = send(b, V1Requests.signed("GET", Map.of("ImageId", id), DevSeed.KEY_ID, DevSeed.SECRET, Instant.now()));
            assertThat(page.json().path("TotalCount").asInt()).as("pair %d", i).isEqualTo(1);
        }
        assertThat(admin.put(IMAGES + "/m-pair-7/export-status", "{\"status\":\"Exporting\"}").status()).isEqualTo(200);
        JsonNode image = send(b, V1Requests.signed("GET", Map.of("ImageId", "m-pair-7"), DevSeed.KEY_ID, DevSeed.SECRET,
                Instant.now())).json().path("Images").path("Image").get(0);
        assertThat(image.path("ImageExportStatus").asText()).isEqualTo("Exporting");
        assertThat(new Admin(b.baseUri(), "t").delete(IMAGES + "/m-pair-7").status()).isEqualTo(204);
        assertThat(send(a, V1Requests.signed("GET", Map.of("ImageId", "m-pair-7"), DevSeed.KEY_ID, DevSeed.SECRET, Instant.now()))
                .json().path("TotalCount").asInt()).isZero();
        assertThat(new Admin(b.baseUri(), "t").post(IMAGES, Admin.image("m-pair-1", "again", "2030-01-01T00:00:00Z", "Unexported"))
                .status()).as("B knows the image A added").isEqualTo(409);
    }

    @Test
    void aNonceUsedOnOneInstanceIsRefusedOnTheOther() {
        Map<String, String> signed = V1Requests.signed("GET", Map.of(), DevSeed.KEY_ID, DevSeed.SECRET, Instant.now());
        assertThat(send(a, signed).status()).isEqualTo(200);
        Http.Answer replay = send(b, signed);
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.code()).isEqualTo("SignatureNonceUsed");
        assertThat(send(a, signed).code()).isEqualTo("SignatureNonceUsed");
    }

    @Test
    void aFaultSetThroughOneInstanceFiresOnTheOtherAndCountsAcrossBoth() {
        assertThat(new Admin(a.baseUri(), "t").post("/faults", "{\"code\":\"CallInterface\",\"times\":2}").status()).isEqualTo(201);
        assertThat(send(b, V1Requests.signed("GET", Map.of(), DevSeed.KEY_ID, DevSeed.SECRET, Instant.now())).code())
                .isEqualTo("CallInterface");
        assertThat(send(a, V1Requests.signed("GET", Map.of(), DevSeed.KEY_ID, DevSeed.SECRET, Instant.now())).code())
                .isEqualTo("CallInterface");
        assertThat(send(b, V1Requests.signed("GET", Map.of(), DevSeed.KEY_ID, DevSeed.SECRET, Instant.now())).status())
                .as("the fault was for two calls in all").isEqualTo(200);
        assertThat(new Admin(b.baseUri(), "t").get("/faults").json()).isEmpty();
    }

    @Test
    void keyChangesAndTemporaryCredentialsReachTheOtherInstance() {
        Admin admin = new Admin(a.baseUri(), "t");
        assertThat(admin.put("/accounts/1000000000000001/access-keys/" + DevSeed.KEY_ID + "/status", "{\"status\":\"Inactive\"}")
                .status()).isEqualTo(200);
        assertThat(send(b, V1Requests.signed("GET", Map.of(), DevSeed.KEY_ID, DevSeed.SECRET, Instant.now())).code())
                .isEqualTo("InvalidAccessKeyId.Inactive");

        JsonNode minted = admin.post("/sts", "{\"accountId\":\"1000000000000002\",\"durationSeconds\":900}").json();
        Map<String, String> api = new HashMap<>();
        api.put("SecurityToken", minted.path("securityToken").asText());
        Http.Answer page = send(b, V1Requests.signed("GET", api, minted.path("accessKeyId").asText(),
                minted.path("accessKeySecret").asText(), Instant.now()));
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.json().path("TotalCount").asInt()).isEqualTo(DevSeed.OTHER_IMAGE_COUNT);
    }

    @Test
    void theJournalListsTheCallsOfEveryInstance() throws InterruptedException {
        Http.Answer onA = send(a, V1Requests.signed("GET", Map.of("PageSize", "3"), DevSeed.KEY_ID, DevSeed.SECRET, Instant.now()));
        Http.Answer onB = send(b, V1Requests.signed("GET", Map.of("PageSize", "4"), DevSeed.KEY_ID, DevSeed.SECRET, Instant.now()));
        Thread.sleep(1_000);
        JsonNode journal = new Admin(a.baseUri(), "t").get("/journal").json();
        assertThat(journal).extracting(e -> e.path("requestId").asText())
                .contains(onA.json().path("RequestId").asText(), onB.json().path("RequestId").asText());
    }

    @Test
    void aResetThroughOneInstanceResetsTheSharedState() {
        new Admin(a.baseUri(), "t").post(IMAGES, Admin.image("m-before-reset", "r", "2030-01-01T00:00:00Z", "Unexported"));
        assertThat(new Admin(b.baseUri(), "t").post("/reset", "{}").status()).isEqualTo(204);
        assertThat(send(a, V1Requests.signed("GET", Map.of(), DevSeed.KEY_ID, DevSeed.SECRET, Instant.now())).json()
                .path("TotalCount").asInt()).isEqualTo(DevSeed.IMAGE_COUNT);
    }

    @Test
    void theSeedFillsAnEmptyDatabaseOnlyAndStateOutlivesEveryInstance(@TempDir Path dir) throws Exception {
        new Admin(a.baseUri(), "t").post(IMAGES, Admin.image("m-kept", "kept", "2030-01-01T00:00:00Z", "Unexported"));
        Path seed = dir.resolve("other-seed.json");
        Files.writeString(seed, "{\"accounts\":[{\"id\":\"42\",\"accessKeys\":[{\"id\":\"k\",\"secret\":\"s\"}],"
                + "\"actions\":[\"ens:*\"],\"images\":[]}]}");
        try (EnsEmulator third = EnsEmulator.start(EmulatorConfig.builder().port(0).adminToken("t").seed(seed)
                .database(DatabaseUrl.parse(postgres.databaseUrl())).build())) {
            Http.Answer page = send(third, V1Requests.signed("GET", Map.of("ImageId", "m-kept"), DevSeed.KEY_ID, DevSeed.SECRET,
                    Instant.now()));
            assertThat(page.json().path("TotalCount").asInt()).as("the database's state, not the seed's").isEqualTo(1);
        }
    }

    @Test
    void aSchemaNewerThanThisVersionIsRefusedWithBothVersions() throws Exception {
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO ensemu_schema_history (installed_rank, version, description, type, script, checksum, installed_by,"
                    + " execution_time, success) VALUES (99, '99', 'from the future', 'SQL', 'V99__future.sql', 0, 'test', 0, true)");
        }
        try {
            assertThatThrownBy(SharedStateIT::instance).isInstanceOf(StorageException.class)
                    .hasMessageContaining("version 99").hasMessageContaining("up to version 2").hasMessageNotContaining(PostgresServer.PASSWORD);
            PackagedServer.Finished packaged = PackagedServer.run(Map.of("ENSEMU_DATABASE", postgres.databaseUrl()), "--port", "0");
            assertThat(packaged.exitCode()).isEqualTo(2);
            assertThat(packaged.err().strip().lines()).last().asString().startsWith("ensemu: database ")
                    .contains("version 99", "up to version 2").doesNotContain(PostgresServer.PASSWORD);
        } finally {
            try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
                s.execute("DELETE FROM ensemu_schema_history WHERE installed_rank = 99");
            }
        }
    }

    @Test
    void aDatabaseThatCannotBeReachedAtStartIsOneLineAndExitCode2() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        PackagedServer.Finished packaged = PackagedServer.run(Map.of(), "--port", "0", "--database",
                "postgresql://ensemu:" + PostgresServer.PASSWORD + "@127.0.0.1:" + closed + "/ensemu");
        assertThat(packaged.exitCode()).isEqualTo(2);
        assertThat(packaged.err().strip().lines()).last().asString().startsWith("ensemu: database jdbc:postgresql://127.0.0.1:" + closed)
                .contains("cannot connect").doesNotContain(PostgresServer.PASSWORD);
    }

    @Test
    void anOutageIsServiceUnavailableAndHealsByItselfWithNothingLost() throws Exception {
        Admin admin = new Admin(a.baseUri(), "t");
        assertThat(admin.post(IMAGES, Admin.image("m-acked", "acked", "2030-01-01T00:00:00Z", "Unexported")).status()).isEqualTo(201);
        postgres.stop("fast");
        try {
            long started = System.nanoTime();
            Http.Answer during = send(b, V1Requests.signed("GET", Map.of(), DevSeed.KEY_ID, DevSeed.SECRET, Instant.now()));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(during.status()).isEqualTo(503);
            assertThat(during.code()).isEqualTo("ServiceUnavailable");
            assertThat(during.json().path("RequestId").asText()).isNotBlank();
            Http.Answer write = admin.post(IMAGES, Admin.image("m-refused", "r", "2030-01-01T00:00:00Z", "Unexported"));
            assertThat(write.status()).isEqualTo(503);
            // The background probe notices within its period plus the pool's 2 s wait for a connection;
            // health itself answers at once every time it is asked.
            Http.Answer health = null;
            for (int i = 0; i < 50 && (health == null || health.status() != 503); i++) {
                Thread.sleep(200);
                started = System.nanoTime();
                health = new Http(a.baseUri()).send(HttpRequest.newBuilder(a.baseUri().resolve("/_emulator/health")));
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as("health answers at once").isLessThan(Duration.ofMillis(500));
            }
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().path("status").asText()).isEqualTo("DOWN");
            assertThat(health.json().path("reason").asText()).contains("unreachable").doesNotContain(PostgresServer.PASSWORD);
        } finally {
            postgres.startAgain();
        }
        Http.Answer after = null;
        for (int i = 0; i < 50; i++) {
            after = send(b, V1Requests.signed("GET", Map.of("ImageId", "m-acked"), DevSeed.KEY_ID, DevSeed.SECRET, Instant.now()));
            if (after.status() == 200) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(after.status()).as("recovered by itself").isEqualTo(200);
        assertThat(after.json().path("TotalCount").asInt()).as("the acknowledged write survived").isEqualTo(1);
        Http.Answer health = null;
        for (int i = 0; i < 50; i++) { // the database is probed every half second, off the request path
            health = new Http(a.baseUri()).send(HttpRequest.newBuilder(a.baseUri().resolve("/_emulator/health")));
            if (health.status() == 200) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
        assertThat(health.json().path("storage").asText()).isEqualTo("postgresql");
    }
}
