package dev.ensemu.contract.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ensemu.contract.report.CheckResult;
import dev.ensemu.contract.report.Level;
import dev.ensemu.contract.report.RunReport;
import dev.ensemu.contract.rules.Rule;
import dev.ensemu.contract.rules.RuleLevel;
import dev.ensemu.contract.rules.Rules;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each single-exchange check against answers written by hand: what ENS answers passes, each kind of breakage is named. */
class ExchangeRulesTest {
    private static final String ID = "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E";
    private static final ExchangeRules RULES = new ExchangeRules(DocumentSchemas.ens());
    private static final String IMAGE = "{\"Architecture\":\"x86_64\",\"CreationTime\":\"2017-12-08T12:10:03Z\",\"ExportedImageURL\":\"\","
            + "\"ImageExportStatus\":\"Unexported\",\"ImageId\":\"m-1\",\"ImageName\":\"web\",\"ImageOwnerAlias\":\"self\",\"Platform\":\"centos\"}";

    private static Exchange listing(Map<String, String> parameters, String body) {
        return exchange("DescribeExportImageInfo", parameters, 200, "application/json;charset=utf-8", body);
    }

    private static Exchange exchange(String action, Map<String, String> parameters, int status, String contentType, String body) {
        return new Exchange(action, parameters, status, contentType, ID, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String page(int number, int size, int total, String... images) {
        return "{\"Images\":{\"Image\":[" + String.join(",", images) + "]},\"PageNumber\":" + number + ",\"PageSize\":" + size
                + ",\"RequestId\":\"" + ID + "\",\"TotalCount\":" + total + "}";
    }

    private static Set<String> broken(Exchange exchange) {
        return RULES.inspect(exchange).violations().stream().map(v -> v.check().id()).collect(Collectors.toSet());
    }

    @Test
    void whatEnsAnswersBreaksNothing() {
        assertThat(broken(listing(Map.of(), page(1, 10, 1, IMAGE)))).isEmpty();
        assertThat(broken(listing(Map.of("PageSize", "1", "PageNumber", "3"), page(3, 1, 2)))).isEmpty();
        assertThat(broken(exchange("ExportImage", Map.of("ImageId", "m-1", "OSSBucket", "b-1", "OSSRegionId", "cn-beijing", "OSSPrefix", "p/"),
                200, "application/json", "{\"ExportedImageURL\":\"https://b-1.oss-cn-beijing.aliyuncs.com/p/m-1.qcow2\",\"RequestId\":\"" + ID + "\"}")))
                .isEmpty();
        assertThat(broken(exchange("DescribeExportImageStatus", Map.of("ImageId", "m-1"), 400, "application/json",
                "{\"RequestId\":\"" + ID + "\",\"HostId\":\"ens.aliyuncs.com\",\"Code\":\"InvalidImageId.NotFound\",\"Message\":\"m\"}")))
                .isEmpty();
        assertThat(broken(listing(Map.of("Format", "xml"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?><DescribeExportImageInfoResponse>"
                + "<RequestId>" + ID + "</RequestId></DescribeExportImageInfoResponse>").withType("text/xml;charset=utf-8"))).isEmpty();
    }

    @Test
    void eachBreakageIsNamedByItsCheck() {
        assertThat(broken(listing(Map.of(), page(1, 5, 1, IMAGE)))).contains("XCH-06");
        assertThat(broken(listing(Map.of("PageSize", "2"), page(1, 2, 5, IMAGE)))).contains("XCH-07");
        assertThat(broken(listing(Map.of(), page(1, 10, 1, IMAGE.replace("\"ExportedImageURL\":\"\"", "\"ExportedImageURL\":null")))))
                .contains("XCH-08", "XCH-01");
        assertThat(broken(listing(Map.of(), page(1, 10, 1, IMAGE.replace("12:10:03Z", "12:10:03.000Z"))))).contains("XCH-09");
        assertThat(broken(listing(Map.of(), page(1, 10, 1, IMAGE.replace("\"self\"", "\"Self\""))))).contains("XCH-10", "XCH-01");
        assertThat(broken(listing(Map.of("ImageId", "m"), page(1, 10, 1, IMAGE)))).contains("XCH-11");
        assertThat(broken(listing(Map.of("PageSize", "51"), page(1, 51, 1, IMAGE)))).contains("XCH-12");
        assertThat(broken(listing(Map.of(), page(1, 10, 1, IMAGE).replace("{\"Images\"", "{\"Code\":\"200\",\"Images\"")))).contains("XCH-03");
        assertThat(broken(listing(Map.of(), page(1, 10, 1, IMAGE).replace("\"TotalCount\":1", "\"TotalCount\":\"1\"")))).contains("XCH-05", "XCH-01");
        assertThat(broken(listing(Map.of(), page(1, 10, 1, IMAGE).replace(ID, ID.toLowerCase())))).contains("XCH-02");
        assertThat(broken(listing(Map.of(), page(1, 10, 1, IMAGE.replace("web", "\\u8fb9"))))).contains("XCH-16");
        assertThat(broken(listing(Map.of("Format", "XML"), page(1, 10, 1, IMAGE)))).contains("XCH-15");
        assertThat(broken(listing(Map.of("Format", "XML"), "<Response><RequestId>" + ID + "</RequestId></Response>").withType("text/xml")))
                .contains("XCH-17");
        assertThat(broken(exchange("ExportImage", Map.of("ImageId", "m-1", "OSSBucket", "b-1", "OSSRegionId", "cn-beijing"), 200,
                "application/json", "{\"ExportedImageURL\":\"http://b-1.oss-cn-beijing.aliyuncs.com/m-1.qcow2\",\"RequestId\":\"" + ID + "\"}")))
                .contains("XCH-13");
        assertThat(broken(exchange("DescribeExportImageStatus", Map.of("ImageId", "m-1"), 200, "application/json",
                "{\"ImageExportStatus\":\"Exported\",\"ImageId\":\"m-1\",\"RequestId\":\"" + ID + "\"}"))).contains("XCH-14", "XCH-01");
        assertThat(broken(exchange("ExportImage", Map.of("ImageId", "m-1"), 400, "application/json",
                "{\"RequestId\":\"" + ID + "\",\"HostId\":\"h\",\"Code\":\"InvalidParameter\",\"Message\":\"m\"}"))).contains("XCH-18");
        assertThat(broken(exchange("ExportImage", Map.of(), 500, "application/json", "{\"RequestId\":\"" + ID + "\"}"))).contains("XCH-04");
    }

    @Test
    void anAnswerThatIsNotEnsIsASchemaViolationAndSaysSo() {
        ExchangeRules.Verdict verdict = RULES.inspect(exchange("DescribeExportImageInfo", Map.of(), 200, "text/plain", "hello"));

        assertThat(verdict.ensShaped()).isFalse();
        assertThat(verdict.violations()).singleElement().satisfies(v -> {
            assertThat(v.check()).isEqualTo(ExchangeCheck.SCHEMA);
            assertThat(v.describe()).startsWith("XCH-01 R-ANS-13 DescribeExportImageInfo: the answer (HTTP 200, 5 bytes)");
        });
    }

    @Test
    void everyCheckHoldsToRulesOfTheKitAtTheirLevel() {
        Map<String, Rule> rules = Rules.all().stream().collect(Collectors.toMap(Rule::id, r -> r));
        for (ExchangeCheck check : ExchangeCheck.values()) {
            assertThat(check.rules()).as(check.id()).isNotEmpty().allSatisfy(id -> assertThat(rules).containsKey(id));
            boolean allMust = check.rules().stream().allMatch(id -> rules.get(id).level() == RuleLevel.MUST);
            assertThat(check.level()).as(check.id()).isEqualTo(allMust ? Level.MUST : Level.SHOULD);
        }
        assertThat(List.of(ExchangeCheck.values()).stream().map(ExchangeCheck::id).distinct()).hasSize(ExchangeCheck.values().length);
    }

    @Test
    void aViolationQuotesAHostileValueOnlyInPart() {
        String huge = "m".repeat(100_000);
        List<Violation> violations = RULES.inspect(listing(Map.of("ImageId", huge), page(1, 10, 1, IMAGE))).violations();

        assertThat(violations).isNotEmpty().allSatisfy(v -> assertThat(v.message().length()).isLessThanOrEqualTo(Violation.MAX_MESSAGE + 3));
    }

    @Test
    void aSchemaWithAKeywordThatIsNotCheckedIsRefused() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThatThrownBy(() -> new DocumentSchemas(json.readTree("{\"components\":{\"schemas\":{\"X\":{\"type\":\"string\",\"oneOf\":[]}}}}")))
                .hasMessage("#/components/schemas/X uses the keyword oneOf, which answers are not checked against");
    }

    @Test
    void theLedgerReportsInTheSuitesFormat(@TempDir Path dir) throws Exception {
        ViolationLedger ledger = new ViolationLedger("http://127.0.0.1:1/");
        Exchange clean = listing(Map.of(), page(1, 10, 1, IMAGE));
        Exchange defaultFive = listing(Map.of(), page(1, 5, 1, IMAGE));
        ledger.record(clean, RULES.inspect(clean));
        ledger.record(defaultFive, RULES.inspect(defaultFive));

        RunReport report = ledger.report("1.0", "sha", "v3", Instant.EPOCH, Instant.EPOCH, DocumentSchemas.ens().actions());
        assertThat(ledger.exchanges()).isEqualTo(2);
        assertThat(ledger.byCheck()).containsOnlyKeys(ExchangeCheck.PAGE_ECHO);
        assertThat(report.checks()).filteredOn(c -> c.id().equals("XCH-06")).singleElement()
                .satisfies(c -> assertThat(c.outcome()).isEqualTo(CheckResult.Outcome.FAIL));
        assertThat(report.checks()).filteredOn(c -> c.id().equals("XCH-13")).singleElement()
                .satisfies(c -> assertThat(c.outcome()).isEqualTo(CheckResult.Outcome.NOT_APPLICABLE));
        assertThat(report.verdict()).startsWith("NOT CONFORMANT (a MUST check failed)");
        report.writeTo(dir, "violations");
        assertThat(Files.readString(dir.resolve("TEST-violations-rules.xml"))).contains("<testsuite name=\"ensemu proxy rules\"", "R-ANS-04");
        assertThat(new ObjectMapper().readTree(dir.resolve("violations-report.json").toFile()).path("suite").asText()).isEqualTo("ensemu-proxy");
        assertThat(dir.resolve("violations-report.html")).content().contains("ensemu proxy report");
    }
}
