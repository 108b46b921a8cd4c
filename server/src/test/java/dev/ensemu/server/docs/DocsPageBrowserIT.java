package dev.ensemu.server.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ensemu.server.support.InProcessServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads the docs page from a running server in Debian's headless Chromium (installed by .ci/run)
 * and reads the DOM after Swagger UI rendered it: the operation, its parameters, its answers and the
 * error codes must be on the page, and nothing may have failed to load. The screenshot stays in
 * target/ as a build artifact.
 */
class DocsPageBrowserIT {
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("ENSEMU_CHROMIUM", "/usr/bin/chromium"));
    private static final Path SCREENSHOT = Path.of("target", "docs-page.png");
    @RegisterExtension
    static final InProcessServer server = InProcessServer.with(settings -> { });

    @TempDir
    static Path profile;

    @BeforeAll
    static void start() {
        assertThat(CHROMIUM).as("headless Chromium is needed for this test: apt-get install chromium (.ci/run does)")
                .isExecutable();
    }

    @Test
    void theEnsOperationItsParametersAnswersAndErrorCodesRender() throws Exception {
        String dom = chromium("--dump-dom", page(""));

        assertThat(dom).doesNotContain("Failed to load API definition")
                .contains("Alibaba Cloud ENS image export (2017-11-10)")
                .contains("opblock-summary-method\">GET", "opblock-summary-method\">POST")
                .contains("Queries the export result of images", "Exports a custom image to an OSS bucket",
                        "Queries the export status of an image");
        for (String action : List.of("DescribeExportImageInfo", "ExportImage", "DescribeExportImageStatus")) {
            assertThat(dom).as("operation %s rendered", action).contains("data-path=\"/#Action=" + action);
        }
        for (String parameter : List.of("Format", "ImageId", "ImageName", "PageNumber", "PageSize", "OSSBucket", "OSSRegionId",
                "OSSPrefix", "RoleName")) {
            assertThat(dom).as("parameter %s rendered", parameter).contains("data-param-name=\"" + parameter + "\"");
        }
        // The envelope and signature parameters are described once, in the document's description.
        assertThat(dom).contains("SignatureNonce", "x-acs-content-sha256", "RegionId");
        for (String status : List.of("200", "400", "404", "500")) {
            assertThat(dom).as("answer %s rendered", status).contains("data-code=\"" + status + "\"");
        }
        for (String code : List.of("MissingParameter", "InvalidVersion", "InvalidParameter.PageSize", "InvalidParameter.PageNumber",
                "SignatureDoesNotMatch", "SignatureNonceUsed", "InvalidTimeStamp.Expired", "NoPermission", "Throttling.User",
                "InvalidAction.NotFound", "InvalidAccessKeyId.NotFound", "InternalError", "IncorrectImageStatus",
                "InvalidImageId.NotFound", "InvalidParameter.OSSBucket")) {
            assertThat(dom).as("error code %s rendered", code).contains(code);
        }
    }

    @Test
    void theControlPlaneRendersFromTheSamePage() throws Exception {
        String dom = chromium("--dump-dom", page("?urls.primaryName=ensemu%20control%20plane"));

        assertThat(dom).doesNotContain("Failed to load API definition")
                .contains("ensemu control plane")
                .contains("data-path=\"/_emulator/reset\"", "data-path=\"/_emulator/accounts/{accountId}/images\"",
                        "data-path=\"/_emulator/faults\"", "data-path=\"/_emulator/journal\"", "data-path=\"/_emulator/docs\"")
                .contains("data-param-name=\"accountId\"");
    }

    @Test
    void aScreenshotOfThePageIsKept() throws Exception {
        Files.deleteIfExists(SCREENSHOT);
        chromium("--hide-scrollbars", "--window-size=1280,2400", "--screenshot=" + SCREENSHOT.toAbsolutePath(), page(""));

        byte[] png = Files.readAllBytes(SCREENSHOT);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        // A page Swagger UI did not render is a blank sheet of a few kilobytes.
        assertThat(png.length).isGreaterThan(50_000);
    }

    private static String page(String query) {
        return server.baseUri().resolve("/_emulator/docs" + query).toString();
    }

    /** Runs headless Chromium with the flags this machine's closed network needs; returns what it printed. */
    private static String chromium(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createTempDirectory(profile, "chromium"),
                // Lets the scripts and the documents load and render before the DOM is read.
                "--virtual-time-budget=15000"));
        command.addAll(List.of(arguments));
        Process browser = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String printed = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!browser.waitFor(90, TimeUnit.SECONDS)) {
            browser.destroyForcibly();
            throw new AssertionError("Chromium did not finish: " + URI.create(arguments[arguments.length - 1]));
        }
        assertThat(browser.exitValue()).as("Chromium's exit status").isZero();
        return printed;
    }
}
