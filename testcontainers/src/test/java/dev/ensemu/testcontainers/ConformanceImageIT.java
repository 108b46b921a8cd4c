package dev.ensemu.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;

/** The conformance suite's image: small, not root, the runner as its entry point, reports in the mounted folder. */
class ConformanceImageIT {
    private static final String IMAGE = System.getProperty("ensemu.conformance.image", "localhost/ensemu-conformance:latest");
    private static final String SERVER = System.getProperty("ensemu.image", "localhost/ensemu:latest");
    private final DockerClient docker = DockerClientFactory.instance().client();

    @TempDir
    Path work;

    @Test
    void theImageIsSmallAndRunsAsAUser() {
        InspectImageResponse image = docker.inspectImageCmd(IMAGE).exec();

        assertThat(image.getSize()).as("bytes").isLessThanOrEqualTo(100_000_000L);
        assertThat(image.getConfig().getUser()).isEqualTo("10001:10001");
        assertThat(image.getConfig().getEntrypoint()).contains("/app/ensemu-conformance.jar");
    }

    @Test
    void oneRunOfTheImageJudgesAnEndpointAndWritesItsReportsToTheMountedFolder() throws IOException {
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxrwxrwx")); // the image's user writes here
        try (Network network = Network.newNetwork();
                EnsemuContainer ensemu = new EnsemuContainer(SERVER).withNetwork(network).withNetworkAliases("ens").withAdminToken("image-it");
                GenericContainer<?> suite = new GenericContainer<>(IMAGE).withNetwork(network)
                        .withFileSystemBind(work.toString(), "/work", BindMode.READ_WRITE)
                        .withCommand("--endpoint", "http://ens:8080/", "--access-key-id", ensemu.accessKeyId(),
                                "--access-key-secret", ensemu.accessKeySecret(), "--admin-token", "image-it",
                                "--limited-key-id", "LTAIEnsemuReadOnly01", "--limited-key-secret", "EnsemuReadOnlySecretDoNotUseInProduction01",
                                "--limited-key-operations", "DescribeExportImageInfo,DescribeExportImageStatus",
                                "--operations", "all", "--generated", "100", "--checks", "DEF-.*|PAG-.*|SIG-.*|PERM-01|EXP-01|STA-02")
                        .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofMinutes(3)))) {
            ensemu.start();
            suite.start(); // returns once the run has exited 0: conformant

            // The whole logs of the exited container (a log consumer may not have seen the last lines yet).
            assertThat(suite.getLogs(OutputFrame.OutputType.STDOUT)).contains("CONFORMANT");
            assertThat(suite.getLogs(OutputFrame.OutputType.STDERR)).as("the runner's stderr").isEmpty();
            assertThat(work.resolve("conformance-report/conformance-report.json")).exists();
            assertThat(work.resolve("conformance-report/conformance-report.html")).exists();
            assertThat(Files.readString(work.resolve("conformance-report/conformance-report.json"))).contains("\"PERM-01\"");
        }
    }
}
