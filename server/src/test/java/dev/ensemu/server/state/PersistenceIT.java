package dev.ensemu.server.state;

import static dev.ensemu.server.support.Http.ACTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ensemu.server.EmulatorConfig;
import dev.ensemu.server.EnsEmulator;
import dev.ensemu.server.auth.AuthMode;
import dev.ensemu.server.seed.SeedException;
import dev.ensemu.server.support.Admin;
import dev.ensemu.server.support.DevSeed;
import dev.ensemu.server.support.Http;
import dev.ensemu.server.support.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** State in a data directory outlives the server; a directory it cannot read is refused, clearly. */
class PersistenceIT {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private final MutableClock clock = new MutableClock(T0);

    @TempDir
    Path dataDir;

    private EnsEmulator start() {
        return EnsEmulator.start(EmulatorConfig.builder().port(0).auth(AuthMode.ANONYMOUS).clock(clock).adminToken("t").dataDir(dataDir).build());
    }

    @Test
    void writesSurviveARestart() throws java.io.IOException {
        try (EnsEmulator first = start()) {
            Admin admin = new Admin(first.baseUri(), "t");
            admin.post("/accounts/1000000000000001/images", Admin.image("m-kept", "kept", "2030-01-01T00:00:00Z", "Unexported"));
            admin.delete("/accounts/1000000000000001/images/m-dev0001");
            admin.put("/accounts/1000000000000001/images/m-dev0004/export-status", "{\"status\":\"Exporting\",\"completeAfterSeconds\":60}");
        }
        assertThat(dataDir.resolve("state.json")).exists();
        assertThat(java.nio.file.Files.getPosixFilePermissions(dataDir.resolve("state.json")))
                .as("the state holds secrets").containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);

        try (EnsEmulator second = start()) {
            Http http = new Http(second.baseUri());
            assertThat(http.get(ACTION).json().path("TotalCount").asInt()).isEqualTo(DevSeed.IMAGE_COUNT);
            assertThat(http.get(ACTION + "&ImageId=m-kept").json().path("TotalCount").asInt()).isEqualTo(1);
            assertThat(http.get(ACTION + "&ImageId=m-dev0001").json().path("TotalCount").asInt()).isZero();

            clock.set(T0.plusSeconds(61));
            assertThat(http.get(ACTION + "&ImageId=m-dev0004").json().path("Images").path("Image").get(0)
                    .path("ImageExportStatus").asText()).as("the timed export survived the restart").isEqualTo("Exported");

            new Admin(second.baseUri(), "t").post("/reset", "{}");
        }
        try (EnsEmulator third = start()) {
            assertThat(new Http(third.baseUri()).get(ACTION + "&ImageId=m-kept").json().path("TotalCount").asInt())
                    .as("the reset was saved too").isZero();
        }
    }

    @Test
    void anExportImageExportInProgressSurvivesARestartAndEndsWithThePromisedUrl() {
        String promised;
        try (EnsEmulator first = start()) {
            Http.Answer started = new Http(first.baseUri()).get("Action=ExportImage&Version=2017-11-10&ImageId=m-dev0004"
                    + "&OSSBucket=kept-exports&OSSRegionId=cn-beijing&OSSPrefix=restart/");
            assertThat(started.status()).isEqualTo(200);
            promised = started.json().path("ExportedImageURL").asText();
        }
        try (EnsEmulator second = start()) {
            Http http = new Http(second.baseUri());
            String status = "Action=DescribeExportImageStatus&Version=2017-11-10&ImageId=m-dev0004";
            assertThat(http.get(status).json().path("ImageExportStatus").asText()).isEqualTo("Exporting");
            clock.set(T0.plus(EmulatorConfig.DEFAULT_EXPORT_DURATION));
            assertThat(http.get(status).json().path("ImageExportStatus").asText()).isEqualTo("Exported");
            assertThat(http.get(ACTION + "&ImageId=m-dev0004").json().at("/Images/Image/0/ExportedImageURL").asText())
                    .isEqualTo(promised).isEqualTo("https://kept-exports.oss-cn-beijing.aliyuncs.com/restart/m-dev0004.qcow2");
        }
    }

    @Test
    void aDataDirectoryIsUsedByOneServerAtATime() {
        try (EnsEmulator first = start()) {
            assertThatThrownBy(this::start).isInstanceOf(SeedException.class).hasMessageContaining("in use");
        }
    }

    @Test
    void stateOfAnotherVersionIsRefusedWithAClearMessage() throws Exception {
        Files.writeString(dataDir.resolve("state.json"), "{\"format\":\"ensemu-state\",\"version\":99,\"accounts\":[]}");

        assertThatThrownBy(this::start).isInstanceOf(SeedException.class)
                .hasMessageContaining("state.json").hasMessageContaining("version 99").hasMessageContaining("version 1");
    }

    @Test
    void aFileThatIsNotStateIsRefused() throws Exception {
        Files.writeString(dataDir.resolve("state.json"), "{\"hello\":1}");

        assertThatThrownBy(this::start).isInstanceOf(SeedException.class).hasMessageContaining("not an ensemu state file");
    }
}
