package dev.ensemu.server.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ensemu.server.auth.AuthMode;
import dev.ensemu.server.support.InProcessServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads the docs page from a running server in Debian's headless Chromium (installed by .ci/run)
 * and reads the DOM after Swagger UI rendered it: the operation, its parameters, its answers and the
 * error codes must be on the page, and nothing may have failed to load; then "Try it out" is
 * clicked through over the DevTools protocol. The screenshot stays in target/ as a build artifact.
 */
class DocsPageBrowserIT {
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("ENSEMU_CHROMIUM", "/usr/bin/chromium"));
    private static final Path SCREENSHOT = Path.of("target", "docs-page.png");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY_ID = "LTAIEnsemuDevAccess01";
    private static final String SECRET = "EnsemuDevSecretDoNotUseInProduction01";
    /** On its defaults: signatures verified, replay protection on. */
    @RegisterExtension
    static final InProcessServer server = InProcessServer.with(settings -> { });
    @RegisterExtension
    static final InProcessServer anonymous = InProcessServer.with(settings -> settings.auth(AuthMode.ANONYMOUS));

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
                .contains("opblock-summary-method\">POST")
                .contains("Queries the export result of images", "Exports a custom image to an OSS bucket",
                        "Queries the export status of an image");
        for (String action : List.of("DescribeExportImageInfo", "ExportImage", "DescribeExportImageStatus")) {
            assertThat(dom).as("operation %s rendered", action).contains("data-path=\"/?Action=" + action + "&amp;Version=2017-11-10");
        }
        for (String parameter : List.of("ImageId", "ImageName", "PageNumber", "PageSize", "OSSBucket", "OSSRegionId",
                "OSSPrefix", "RoleName")) {
            assertThat(dom).as("parameter %s rendered", parameter).contains("data-property-name=\"" + parameter + "\"");
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

    /**
     * "Try it out" on each operation, as a person clicks it: anonymous against a server in anonymous
     * mode; signed with the key typed under "Authorize" against a server that verifies signatures
     * (refused before the key is typed). Each answer is read from the page.
     */
    @Test
    void tryItOutCallsTheServerAnonymousAndSignedWithTheTypedKey() throws Exception {
        try (DevToolsPage page = DevToolsPage.open(CHROMIUM, Files.createTempDirectory(profile, "devtools"))) {
            page.navigate(anonymous.baseUri().resolve("/_emulator/docs").toString());
            assertThat(tryItOut(page, "DescribeExportImageInfo", Map.of("PageSize", "5")))
                    .startsWith("200 ").contains("\"PageSize\": 5", "\"TotalCount\": 24", "m-dev0024");
            assertThat(tryItOut(page, "ExportImage", Map.of("ImageId", "m-dev0003", "OSSBucket", "docs-page", "OSSPrefix", "images/")))
                    .startsWith("200 ").contains("https://docs-page.oss-cn-beijing.aliyuncs.com/images/m-dev0003.qcow2");
            assertThat(tryItOut(page, "DescribeExportImageStatus", Map.of("ImageId", "m-dev0003")))
                    .startsWith("200 ").containsPattern("\"ImageExportStatus\": \"Export(ing|ed)\"");

            page.navigate(server.baseUri().resolve("/_emulator/docs").toString());
            assertThat(tryItOut(page, "DescribeExportImageInfo", Map.of())).startsWith("400 ").contains("IncompleteSignature");
            authorize(page, KEY_ID + ":" + SECRET);
            assertThat(tryItOut(page, "DescribeExportImageInfo", Map.of("ImageName", "边缘节点镜像-é")))
                    .startsWith("200 ").contains("\"TotalCount\": 2", "m-dev0019", "m-dev0009");
            assertThat(tryItOut(page, "ExportImage", Map.of("ImageId", "m-dev0003", "OSSBucket", "docs-page", "OSSPrefix", "images/")))
                    .startsWith("200 ").contains("https://docs-page.oss-cn-beijing.aliyuncs.com/images/m-dev0003.qcow2");
            assertThat(tryItOut(page, "DescribeExportImageStatus", Map.of("ImageId", "m-nothing")))
                    .startsWith("404 ").contains("InvalidImageId.NotFound");
        }
    }

    /** Clicks "Try it out" on the operation, types the fields, clicks "Execute"; the answer's status and body. */
    private static String tryItOut(DevToolsPage page, String action, Map<String, String> fields) throws Exception {
        return page.evaluate("(async () => {" + PAGE_HELPERS
                + "const block = await until(() => document.getElementById('operations-" + action + "-" + action + "'), 'operation');"
                + "const tryOut = await until(() => block.querySelector('.try-out__btn'), 'Try it out');"
                + "if (!tryOut.classList.contains('cancel')) { tryOut.click(); }"
                + "const fields = " + JSON.writeValueAsString(fields) + ";"
                + "for (const name of Object.keys(fields)) {"
                + "  await until(() => block.querySelector(`tr[data-property-name=\"${name}\"] input`), 'field ' + name); }"
                // Swagger UI fills the fields with the document's examples: the ones not given are emptied.
                + "for (const input of block.querySelectorAll('tr[data-property-name] input')) {"
                + "  type(input, fields[input.closest('tr').dataset.propertyName] ?? ''); }"
                + "await sleep(800);"
                + "const old = block.querySelector('.live-responses-table'); if (old) { old.remove(); }"
                + "(await until(() => block.querySelector('button.execute'), 'Execute')).click();"
                + "const status = await until(() => block.querySelector('.live-responses-table tbody .response-col_status'), 'an answer');"
                + "const body = await until(() => block.querySelector('.live-responses-table tbody .response-col_description pre'), 'its body');"
                + "const clear = block.querySelector('button.btn-clear'); if (clear) { clear.click(); }"
                + "return status.textContent.trim() + ' ' + body.textContent; })()");
    }

    /** Types the key into the "Authorize" dialog and closes it. */
    private static void authorize(DevToolsPage page, String typed) throws Exception {
        page.evaluate("(async () => {" + PAGE_HELPERS
                + "(await until(() => document.querySelector('.auth-wrapper .authorize'), 'Authorize')).click();"
                + "type(await until(() => document.querySelector('.auth-container input'), 'the key field'), " + JSON.writeValueAsString(typed) + ");"
                + "await sleep(300);"
                + "(await until(() => document.querySelector('.auth-btn-wrapper .authorize'), 'the Authorize button of the dialog')).click();"
                + "await sleep(300);"
                + "(await until(() => document.querySelector('.auth-btn-wrapper .btn-done'), 'Close')).click();"
                + "return 'authorized'; })()");
    }

    /** Waiting and typing as React sees a person type (the native setter, then an input event). */
    private static final String PAGE_HELPERS = "const sleep = (ms) => new Promise((r) => setTimeout(r, ms));"
            + "const until = async (find, what) => { for (let i = 0; i < 300; i++) { const found = find(); if (found) { return found; }"
            + "  await sleep(50); } throw new Error('not found on the page: ' + what); };"
            + "const type = (input, value) => { Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, value);"
            + "  input.dispatchEvent(new Event('input', { bubbles: true })); };";

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
