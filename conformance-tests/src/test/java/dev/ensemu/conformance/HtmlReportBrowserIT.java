package dev.ensemu.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ensemu.contract.report.RunReport;
import dev.ensemu.conformance.endpoint.LocalServer;
import dev.ensemu.conformance.endpoint.Target;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report as a person opens it, in headless Chromium from Debian (.ci/run installs it):
 * a run with failures (a wrong secret) renders its verdict, counts and a row per check, shows the
 * failed requests with the signature redacted, and loads nothing from elsewhere. The screenshot
 * stays as {@code target/conformance-report.png}.
 */
class HtmlReportBrowserIT {
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("ENSEMU_CHROMIUM", "/usr/bin/chromium"));

    @TempDir
    Path dir;

    @Test
    void theReportRendersVerdictCountsEveryCheckAndRedactedFailures() throws Exception {
        assertThat(CHROMIUM).as("headless Chromium is needed for this test: apt-get install chromium (.ci/run does)").exists();
        RunReport report;
        try (LocalServer server = LocalServer.start(Path.of(System.getProperty("ensemu.server.jar")))) {
            Target wrongSecret = new Target(server.endpoint(), java.util.Optional.of(LocalServer.DEV_KEY_ID),
                    java.util.Optional.of("not-the-secret"), dev.ensemu.conformance.endpoint.SignatureScheme.V1, Duration.ofSeconds(10),
                    java.util.Optional.empty());
            report = ConformanceRunner.run(wrongSecret, "DEF-.*|SIG-0[1-3]|FLD-0[1-3]", dir, new PrintStream(PrintStream.nullOutputStream()));
        }
        Path html = dir.resolve("conformance-report.html");
        String source = Files.readString(html);
        // Self-contained: nothing is fetched (links to a rule's sources are followed only by the reader).
        assertThat(source).doesNotContainPattern("src=\"(https?:)?//").doesNotContainPattern("<link[^>]*href=").doesNotContain("<script");

        String dom = chromium("--dump-dom", html.toUri().toString());

        assertThat(dom).contains("NOT CONFORMANT (a MUST check failed)", "<table id=\"counts\">", "level MUST", "DEF-*", "SIG-*");
        // Per operation: the listing failed its checks; the two others ran none here.
        assertThat(dom).contains("<table id=\"operations\">")
                .containsPattern("data-operation=\"DescribeExportImageInfo\"><td>DescribeExportImageInfo</td><td>yes</td><td>no</td>"
                        + "<td class=\"fail\">not conformant</td><td><a href=\"#check-DEF-01\">")
                .contains("data-operation=\"ExportImage\"", "data-operation=\"DescribeExportImageStatus\"");
        Matcher rows = Pattern.compile("<tr class=\"check\" id=\"check-([A-Z]+-\\d+)\" data-id=\"[A-Z]+-\\d+\" data-result=\"(\\w+)\"")
                .matcher(dom);
        List<String> rendered = new ArrayList<>();
        while (rows.find()) {
            rendered.add(rows.group(1) + " " + rows.group(2));
        }
        assertThat(rendered).hasSize(report.checks().size()).contains("SIG-03 pass");
        assertThat(rendered).filteredOn(r -> r.endsWith("fail")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(dom).contains("Hint: ", "Signature=&lt;redacted&gt;").doesNotContainPattern("Signature=[A-Za-z0-9%+/]{10,}");

        // The rule matrix: a table per family, failing rules first, each linking to its checks' rows.
        assertThat(dom).contains("<p id=\"rules-verified\">" + report.rulesVerified() + "</p>");
        assertThat(report.verdict()).contains("rules verified");
        Matcher ruleRows = Pattern.compile("<tr class=\"rule\" data-id=\"(R-[A-Z]+-\\d+)\" data-result=\"(\\w+)\"><td>[^<]*</td><td>[^<]*</td>"
                + "<td[^>]*>[^<]*</td><td>((?:<a href=\"#check-[A-Z]+-\\d+\">[A-Z]+-\\d+</a> )*)</td>").matcher(dom);
        List<String> ruleResults = new ArrayList<>();
        while (ruleRows.find()) {
            ruleResults.add(ruleRows.group(2));
            Matcher link = Pattern.compile("href=\"#(check-[A-Z]+-\\d+)\"").matcher(ruleRows.group(3));
            while (link.find()) {
                if (report.checks().stream().anyMatch(c -> link.group(1).equals("check-" + c.id()))) {
                    assertThat(dom).as("the row a rule links to").contains("id=\"" + link.group(1) + "\"");
                }
            }
        }
        assertThat(ruleResults).hasSize(report.rules().size()).first().isEqualTo("fail");
        Matcher families = Pattern.compile("<table class=\"rules\" data-family=\"(\\w+)\">(.*?)</table>").matcher(dom);
        while (families.find()) {
            String table = families.group(2);
            int firstOther = Math.max(table.indexOf("data-result=\"pass\""), table.indexOf("data-result=\"na\""));
            assertThat(table.lastIndexOf("data-result=\"fail\"")).as("failing rules first in %s", families.group(1))
                    .isLessThan(firstOther < 0 ? Integer.MAX_VALUE : Math.min(
                            table.indexOf("data-result=\"pass\"") < 0 ? Integer.MAX_VALUE : table.indexOf("data-result=\"pass\""),
                            table.indexOf("data-result=\"na\"") < 0 ? Integer.MAX_VALUE : table.indexOf("data-result=\"na\"")));
        }
        assertThat(dom).contains("<h3>Signatures</h3>", "<h3>Answers</h3>");
        // A failing rule shows its sources beside it, linked; a failing check lists the rules it broke with theirs.
        Matcher failingRule = Pattern.compile("<tr class=\"rule\" data-id=\"R-SIG-01\" data-result=\"fail\">(.*?)</tr>").matcher(dom);
        assertThat(failingRule.find()).as("R-SIG-01 fails with the wrong secret").isTrue();
        assertThat(failingRule.group(1)).contains("Source: ", "<a href=\"https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature\">",
                "api/SPEC-NOTES.md, entry 21");
        Matcher failingCheck = Pattern.compile("<tr class=\"check\" id=\"check-DEF-01\"[^>]*data-result=\"fail\">(.*?)</tr>", Pattern.DOTALL).matcher(dom);
        assertThat(failingCheck.find()).as("DEF-01 fails with the wrong secret").isTrue();
        assertThat(failingCheck.group(1)).contains("<div class=\"broken-rule\">R-PAR-07 (MUST)",
                "<a href=\"https://www.alibabacloud.com/help/en/ens/developer-reference/api-ens-2017-11-10-describeexportimageinfo\">");
        chromium("--hide-scrollbars", "--window-size=1280,1600", "--screenshot=" + Path.of("target", "conformance-report.png").toAbsolutePath(),
                html.toUri().toString());
        assertThat(Path.of("target", "conformance-report.png")).isNotEmptyFile();
    }

    private String chromium(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createTempDirectory(dir, "chromium")));
        command.addAll(List.of(arguments));
        Process browser = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String printed = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!browser.waitFor(90, TimeUnit.SECONDS)) {
            browser.destroyForcibly();
            throw new AssertionError("Chromium did not finish");
        }
        assertThat(browser.exitValue()).as("Chromium's exit status").isZero();
        return printed;
    }
}
