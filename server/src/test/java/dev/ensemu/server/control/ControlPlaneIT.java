package dev.ensemu.server.control;

import static dev.ensemu.server.support.Http.ACTION;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ensemu.server.EmulatorConfig;
import dev.ensemu.server.EnsEmulator;
import dev.ensemu.server.support.InProcessServer;
import dev.ensemu.server.auth.AuthMode;
import dev.ensemu.server.support.Admin;
import dev.ensemu.server.support.DevSeed;
import dev.ensemu.server.support.Http;
import dev.ensemu.server.support.MutableClock;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every control-plane endpoint and error, against an in-process server whose clock the test moves. */
class ControlPlaneIT {
    private static final String DEV = "/accounts/1000000000000001";
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private final MutableClock clock = new MutableClock(T0);
    @RegisterExtension
    final InProcessServer emulator = InProcessServer.with(settings -> settings.auth(AuthMode.ANONYMOUS).clock(clock).adminToken("test-token").exportUrlPattern("https://bucket.example/{accountId}/{imageId}.qcow2"));
    private Admin admin;
    private Http http;

    @BeforeEach
    void start() {
        admin = new Admin(emulator.baseUri(), "test-token");
        http = new Http(emulator.baseUri());
    }

    private static void assertControlError(Http.Answer answer, int status, String code, String messagePart) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.json().path("code").asText()).isEqualTo(code);
        assertThat(answer.json().path("message").asText()).contains(messagePart);
    }

    private JsonNode page(String query) {
        Http.Answer answer = http.get(ACTION + query);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    @Test
    void healthNeedsNoTokenAndReportsTheCatalog() {
        Http.Answer health = http.send(HttpRequest.newBuilder(http.uri("/_emulator/health", null)).GET());

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
        assertThat(health.json().path("imageCount").asInt()).isEqualTo(DevSeed.ALL_IMAGE_COUNT);
        assertThat(health.json().path("version").asText()).isNotBlank();
        assertThat(health.json().has("uptimeSeconds")).isTrue();
    }

    @Test
    void healthUptimeCountsFromTheStartNotFromTheFirstControlPlaneCall() throws InterruptedException {
        Thread.sleep(2_100); // RPC traffic only, as a CI run would send before its first health probe
        assertThat(http.get(ACTION).status()).isEqualTo(200);
        Http.Answer health = http.send(HttpRequest.newBuilder(http.uri("/_emulator/health", null)).GET());

        assertThat(health.json().path("uptimeSeconds").asLong()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void metricsCountCallsByCodeAndNeedNoToken() {
        http.get(ACTION);
        http.get(ACTION);
        http.get(ACTION + "&PageSize=51");

        Http.Answer metrics = http.send(HttpRequest.newBuilder(http.uri("/_emulator/metrics", null)).GET());

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("Content-Type")).startsWith("text/plain");
        assertThat(metrics.body())
                .contains("ensemu_requests_total{action=\"DescribeExportImageInfo\",code=\"Success\"} 2.0")
                .contains("ensemu_requests_total{action=\"DescribeExportImageInfo\",code=\"InvalidParameter.PageSize\"} 1.0")
                .contains("ensemu_request_duration_seconds_count{action=\"DescribeExportImageInfo\"} 3")
                .contains("ensemu_request_duration_seconds_bucket{")
                .contains("ensemu_catalog_images " + DevSeed.ALL_IMAGE_COUNT + ".0")
                .contains("ensemu_uptime_seconds")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void everythingElseNeedsTheToken() {
        assertControlError(new Admin(emulator.baseUri(), "wrong").get("/accounts"), 401, "Unauthorized", "Bearer");
        assertControlError(http.send(HttpRequest.newBuilder(http.uri("/_emulator/accounts", null)).GET()), 401, "Unauthorized", "Bearer");
        assertControlError(admin.get("/nothing-here"), 404, "NotFound", "no such");
    }

    @Test
    void controlPlaneCanBeTurnedOff() {
        try (EnsEmulator off = EnsEmulator.start(EmulatorConfig.builder().port(0).admin(false).build())) {
            Http offHttp = new Http(off.baseUri());
            assertControlError(offHttp.send(HttpRequest.newBuilder(offHttp.uri("/_emulator/health", null)).GET()), 404, "NotFound", "disabled");
            assertThat(off.adminToken()).isEmpty();
        }
    }

    @Test
    void accountsListKeysButNeverSecrets() {
        Http.Answer accounts = admin.get("/accounts");

        assertThat(accounts.status()).isEqualTo(200);
        assertThat(accounts.json()).hasSize(DevSeed.ACCOUNT_COUNT);
        assertThat(accounts.json().get(0).path("accessKeyIds").get(0).asText()).isEqualTo(DevSeed.KEY_ID);
        assertThat(accounts.json().get(0).path("imageCount").asInt()).isEqualTo(DevSeed.IMAGE_COUNT);
        assertThat(accounts.body()).doesNotContain(DevSeed.SECRET, DevSeed.OTHER_SECRET);
    }

    @Test
    void addedImageIsServedAndDeletedImageIsGone() {
        Http.Answer added = admin.post(DEV + "/images", Admin.image("m-added", "added-name", "2030-01-01T00:00:00Z", "Unexported"));

        assertThat(added.status()).isEqualTo(201);
        assertThat(page("&ImageName=added-name").path("Images").path("Image").get(0).path("ImageId").asText()).isEqualTo("m-added");
        assertThat(page("").path("TotalCount").asInt()).isEqualTo(DevSeed.IMAGE_COUNT + 1);
        assertThat(admin.get(DEV + "/images/m-added").json().path("ImageName").asText()).isEqualTo("added-name");

        assertThat(admin.delete(DEV + "/images/m-added").status()).isEqualTo(204);
        assertThat(page("&ImageName=added-name").path("TotalCount").asInt()).isZero();
        assertControlError(admin.get(DEV + "/images/m-added"), 404, "NotFound", "m-added");
        assertControlError(admin.delete(DEV + "/images/m-added"), 404, "NotFound", "m-added");
    }

    @Test
    void duplicateImageIdIsAConflict() {
        assertControlError(admin.post(DEV + "/images", Admin.image("m-dev0001", "x", "2030-01-01T00:00:00Z", "Unexported")),
                409, "Conflict", "m-dev0001");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "\"ImageOwnerAlias\":\"self\"|\"ImageOwnerAlias\":\"me\"|ImageOwnerAlias",
        "\"CreationTime\":\"2030-01-01T00:00:00Z\"|\"CreationTime\":\"soon\"|CreationTime",
        "\"ImageName\":\"n\",|\"ImageName\":\"\",|ImageName",
        "\"ImageName\":\"n\",|\"ImageName\":\"n\",\"Colour\":\"red\",|Colour",
        "\"ImageExportStatus\":\"Unexported\"|\"ImageExportStatus\":\"Exported\"|ExportedImageURL"
    })
    void invalidImageNamesTheField(String from, String to, String field) {
        String body = Admin.image("m-x", "n", "2030-01-01T00:00:00Z", "Unexported").replace(from, to);

        assertControlError(admin.post(DEV + "/images", body), 400, "InvalidField", field);
    }

    @Test
    void malformedBodiesAndUnknownAccountsAreClear() {
        assertControlError(admin.post(DEV + "/images", "{not json"), 400, "InvalidField", "body");
        assertControlError(admin.post(DEV + "/images", ""), 400, "InvalidField", "body");
        assertControlError(admin.get("/accounts/nobody/images"), 404, "NotFound", "nobody");
        assertControlError(admin.post("/accounts/nobody/images", Admin.image("m-x", "n", "2030-01-01T00:00:00Z", "Unexported")),
                404, "NotFound", "nobody");
    }

    @Test
    void replaceSwapsTheWholeListing() {
        String images = "[" + Admin.image("m-r1", "r", "2030-01-01T00:00:00Z", "Unexported") + ","
                + Admin.image("m-r2", "r", "2030-01-02T00:00:00Z", "ExportError") + "]";

        assertThat(admin.put(DEV + "/images", images).status()).isEqualTo(204);

        JsonNode listing = page("");
        assertThat(listing.path("TotalCount").asInt()).isEqualTo(2);
        assertThat(listing.path("Images").path("Image").get(0).path("ImageId").asText()).isEqualTo("m-r2");
        assertControlError(admin.put(DEV + "/images", "[" + Admin.image("m-d", "r", "2030-01-01T00:00:00Z", "Unexported") + ","
                + Admin.image("m-d", "r", "2030-01-01T00:00:00Z", "Unexported") + "]"), 400, "InvalidField", "[1].ImageId");
        assertControlError(admin.put(DEV + "/images", "[{\"ImageId\":\"m-1\"}]"), 400, "InvalidField", "[0].ImageName");
    }

    @Test
    void exportRunsThroughItsLifecycleAndTheUrlFollowsThePattern() {
        String status = DEV + "/images/m-dev0004/export-status"; // seeded Unexported
        assertThat(admin.put(status, "{\"status\":\"Exporting\"}").json().path("ImageExportStatus").asText()).isEqualTo("Exporting");

        JsonNode exported = admin.put(status, "{\"status\":\"Exported\"}").json();
        assertThat(exported.path("ExportedImageURL").asText()).isEqualTo("https://bucket.example/1000000000000001/m-dev0004.qcow2");
        JsonNode served = page("&ImageId=m-dev0004").path("Images").path("Image").get(0);
        assertThat(served.path("ImageExportStatus").asText()).isEqualTo("Exported");
        assertThat(served.path("ExportedImageURL").asText()).isEqualTo("https://bucket.example/1000000000000001/m-dev0004.qcow2");

        assertThat(admin.put(status, "{\"status\":\"Exporting\"}").status()).as("re-export from Exported").isEqualTo(200);
        assertThat(admin.put(status, "{\"status\":\"ExportError\"}").json().has("ExportedImageURL")).isFalse();
        assertThat(page("&ImageId=m-dev0004").path("Images").path("Image").get(0).path("ExportedImageURL").asText()).isEmpty();
    }

    @Test
    void illegalTransitionsAreConflicts() {
        assertControlError(admin.put(DEV + "/images/m-dev0004/export-status", "{\"status\":\"Exported\"}"), 409, "Conflict", "Unexported");
        assertControlError(admin.put(DEV + "/images/m-dev0002/export-status", "{\"status\":\"Exporting\"}"), 409, "Conflict", "Exporting");
        assertControlError(admin.put(DEV + "/images/m-dev0004/export-status", "{\"status\":\"Done\"}"), 400, "InvalidField", "status");
        assertControlError(admin.put(DEV + "/images/m-dev0004/export-status", "{\"status\":\"Exported\",\"completeAfterSeconds\":5}"),
                400, "InvalidField", "completeAfterSeconds");
    }

    @Test
    void timedExportCompletesWhenTheClockPassesItsDuration() {
        admin.put(DEV + "/images/m-dev0004/export-status", "{\"status\":\"Exporting\",\"completeAfterSeconds\":30,\"outcome\":\"Exported\"}");
        admin.put(DEV + "/images/m-dev0008/export-status", "{\"status\":\"Exporting\",\"completeAfterSeconds\":60,\"outcome\":\"ExportError\"}");

        clock.set(T0.plusSeconds(29));
        assertThat(page("&ImageId=m-dev0004").path("Images").path("Image").get(0).path("ImageExportStatus").asText()).isEqualTo("Exporting");

        clock.set(T0.plusSeconds(30));
        JsonNode done = page("&ImageId=m-dev0004").path("Images").path("Image").get(0);
        assertThat(done.path("ImageExportStatus").asText()).isEqualTo("Exported");
        assertThat(done.path("ExportedImageURL").asText()).endsWith("/m-dev0004.qcow2");
        assertThat(admin.get(DEV + "/images/m-dev0008").json().path("ImageExportStatus").asText()).isEqualTo("Exporting");

        clock.set(T0.plus(Duration.ofMinutes(5)));
        assertThat(admin.get(DEV + "/images/m-dev0008").json().path("ImageExportStatus").asText()).isEqualTo("ExportError");
    }

    @Test
    void resetRestoresTheSeedAndClearsFaultsAndJournal() {
        admin.post(DEV + "/images", Admin.image("m-added", "added-name", "2030-01-01T00:00:00Z", "Unexported"));
        admin.post("/faults", "{\"latencyMillis\":1,\"times\":5}");
        page("");

        assertThat(admin.post("/reset", "{}").status()).isEqualTo(204);

        assertThat(page("").path("TotalCount").asInt()).isEqualTo(DevSeed.IMAGE_COUNT);
        assertThat(admin.get("/faults").json()).isEmpty();
        assertThat(admin.get("/journal").json()).hasSize(1);
    }

    @Test
    void timesFaultAnswersTheNextCallsThenDisappears() {
        Http.Answer fault = admin.post("/faults", "{\"code\":\"Throttling.User\",\"times\":2}");
        assertThat(fault.status()).isEqualTo(201);
        assertThat(admin.get("/faults").json().get(0).path("remaining").asInt()).isEqualTo(2);

        assertThat(http.get(ACTION).code()).isEqualTo("Throttling.User");
        assertThat(http.get(ACTION).code()).isEqualTo("Throttling.User");
        assertThat(http.get(ACTION).status()).isEqualTo(200);
        assertThat(admin.get("/faults").json()).isEmpty();
    }

    @Test
    void internalErrorFaultIsA500AndLatencyFaultDelays() {
        admin.post("/faults", "{\"code\":\"InternalError\",\"times\":1}");
        Http.Answer failed = http.get(ACTION);
        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.code()).isEqualTo("InternalError");

        admin.post("/faults", "{\"latencyMillis\":300,\"times\":1}");
        long started = System.nanoTime();
        assertThat(http.get(ACTION).status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void probabilityFaultsRepeatForTheSameSeed() {
        List<List<Integer>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            admin.delete("/faults");
            admin.post("/faults", "{\"code\":\"CallInterface\",\"probability\":0.5,\"seed\":7}");
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                statuses.add(http.get(ACTION).status());
            }
            runs.add(statuses);
        }
        assertThat(runs.get(0)).isEqualTo(runs.get(1)).contains(200, 400);
    }

    @Test
    void invalidFaultsNameTheField() {
        assertControlError(admin.post("/faults", "{\"code\":\"Throttling.User\"}"), 400, "InvalidField", "times or probability");
        assertControlError(admin.post("/faults", "{\"times\":1}"), 400, "InvalidField", "code or latencyMillis");
        assertControlError(admin.post("/faults", "{\"code\":\"NoSuchCode\",\"times\":1}"), 400, "InvalidField", "code");
        assertControlError(admin.post("/faults", "{\"code\":\"CallInterface\",\"probability\":2}"), 400, "InvalidField", "probability");
        assertControlError(admin.post("/faults", "{\"latencyMillis\":600000,\"times\":1}"), 400, "InvalidField", "latencyMillis");
    }

    @Test
    void journalKeepsRecentCallsNewestFirstWithSecretsRedacted() {
        http.get(ACTION + "&PageSize=2");
        http.get(ACTION + "&PageSize=51");
        http.get(ACTION + "&AccessKeyId=LTAInobody&Signature=c2VjcmV0&SignatureNonce=n&Timestamp=2026-03-01T00:00:00Z&SignatureMethod=HMAC-SHA1");

        JsonNode all = admin.get("/journal").json();
        assertThat(all).hasSize(3);
        assertThat(all.get(0).path("code").asText()).isEqualTo("InvalidAccessKeyId.NotFound");
        assertThat(all.get(0).path("parameters").path("Signature").asText()).isEqualTo("<redacted>");
        assertThat(all.get(0).path("accessKeyId").asText()).isEqualTo("LTAInobody");
        assertThat(all.get(1).path("code").asText()).isEqualTo("InvalidParameter.PageSize");
        assertThat(all.get(2).path("code").asText()).isEqualTo("Success");
        assertThat(all.get(2).path("status").asInt()).isEqualTo(200);
        assertThat(all.get(2).path("parameters").path("PageSize").asText()).isEqualTo("2");
        assertThat(all.get(2).has("latencyMillis")).isTrue();
        assertThat(admin.get("/journal").body()).doesNotContain("c2VjcmV0");

        assertThat(admin.get("/journal?code=Success").json()).hasSize(1);
        assertThat(admin.get("/journal?accessKeyId=LTAInobody").json()).hasSize(1);
        assertThat(admin.get("/journal?limit=1").json()).hasSize(1);
        assertControlError(admin.get("/journal?limit=0"), 400, "InvalidField", "limit");
    }

    @Test
    void journalIsBounded() {
        try (EnsEmulator small = EnsEmulator.start(EmulatorConfig.builder().port(0).auth(AuthMode.ANONYMOUS).adminToken("t").journalSize(3).build())) {
            Http smallHttp = new Http(small.baseUri());
            for (int i = 1; i <= 5; i++) {
                smallHttp.get(ACTION + "&PageSize=" + i);
            }
            JsonNode journal = new Admin(small.baseUri(), "t").get("/journal").json();
            assertThat(journal).hasSize(3);
            assertThat(journal.get(0).path("parameters").path("PageSize").asText()).isEqualTo("5");
            assertThat(journal.get(2).path("parameters").path("PageSize").asText()).isEqualTo("3");
        }
    }
}
