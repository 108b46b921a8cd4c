package dev.ensemu.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ensemu.server.domain.ExportStatus;
import dev.ensemu.server.domain.Image;
import dev.ensemu.server.domain.ImageQuery;
import dev.ensemu.server.domain.OwnerAlias;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Optional;
import java.util.Optional;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension serves, hands out the dev keys and control plane, and resets between tests when asked. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EnsEmulatorExtensionTest {
    private static final String ACCOUNT = "1000000000000001";

    @RegisterExtension
    static final EnsEmulatorExtension ens = EnsEmulatorExtension.create().resetBeforeEach();

    private static int devImages() {
        return ens.emulator().application().state().operations().describeExportImageInfo(ACCOUNT, ImageQuery.of(null, null, 1, 10)).totalCount();
    }

    @Test
    @Order(1)
    void handsOutTheEndpointAndTheDevelopmentKey() throws Exception {
        assertThat(ens.endpoint()).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(ens.accessKeyId()).isEqualTo("LTAIEnsemuDevAccess01");
        assertThat(ens.adminToken()).isPresent();
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(ens.baseUri().resolve("/_emulator/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void aTestMayChangeTheCatalog() {
        ens.emulator().application().state().controlPlane().add(ACCOUNT, new Image("m-extension", "n", Instant.parse("2030-01-01T00:00:00Z"),
                "x86_64", "centos", OwnerAlias.SELF, ExportStatus.UNEXPORTED, Optional.empty()));
        assertThat(devImages()).isEqualTo(25);
    }

    @Test
    @Order(3)
    void theNextTestStartsFromTheSeedAgain() {
        assertThat(devImages()).isEqualTo(24);
        assertThat(ens.emulator().application().journal().recent(Optional.empty(), Optional.empty(), 10)).isEmpty();
    }
}
