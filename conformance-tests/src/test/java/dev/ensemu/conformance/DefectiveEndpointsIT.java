package dev.ensemu.conformance;

import dev.ensemu.conformance.endpoint.Target;
import dev.ensemu.conformance.endpoint.LocalServer;
import dev.ensemu.contract.report.Level;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ensemu.conformance.client.Call;
import dev.ensemu.conformance.client.EnsClient;
import dev.ensemu.contract.report.CheckResult;
import dev.ensemu.contract.report.RunReport;
import java.io.PrintStream;
import java.util.List;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The suite's sensitivity: in front of the real server, a proxy breaks one behaviour at a time,
 * and the checks named for that defect must fail. The same proxy without a defect passes all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DefectiveEndpointsIT {
    private LocalServer server;

    @BeforeAll
    void start() {
        // Generated checks stop at their first failure against a defect; 200 keep the defect-free run short.
        System.setProperty("ens.generated", "200");
        // The proxy (the JDK's HttpServer) resets new connections once 200 idle ones are open, which a
        // run of generated requests leaves behind; read once, when the first HttpServer is made.
        System.setProperty("sun.net.httpserver.maxIdleConnections", "100000");
        server = LocalServer.start(Path.of(System.getProperty("ensemu.server.jar")));
        Defect.readCatalogFrom(server);
    }

    @AfterAll
    void stop() {
        System.clearProperty("ens.generated");
        server.close();
    }

    private RunReport runThrough(Defect defect, String checks) throws Exception {
        return runThrough(defect, checks, false);
    }

    private RunReport runThrough(Defect defect, String checks, boolean strict) throws Exception {
        return runThrough(defect, checks, strict, List.of());
    }

    private RunReport runThrough(Defect defect, String checks, boolean strict, List<String> requiredOperations) throws Exception {
        try (DefectProxy proxy = new DefectProxy(server.endpoint(), defect)) {
            // The server's exports take 2 s; a defect that never ends one is caught after 8.
            Target throughProxy = server.target(Duration.ofSeconds(10)).at(proxy.endpoint()).strict(strict)
                    .withOperations(requiredOperations, Duration.ofSeconds(8));
            if (defect.signsWithV3()) {
                throughProxy = throughProxy.signedWith(dev.ensemu.conformance.endpoint.SignatureScheme.V3);
            }
            return ConformanceRunner.run(throughProxy, checks, null, new PrintStream(PrintStream.nullOutputStream()));
        }
    }

    @Test
    void theProxyWithoutADefectIsTransparent() throws Exception {
        RunReport report = runThrough(Defect.NONE, null);

        // SIG-15 is about V3 requests, and this run signs with V1; GEN-07/08 are for operations without an oracle of
        // their own, which ensemu's document does not have (FourthOperationTest in junit5 runs them).
        java.util.Set<String> notApplicable = java.util.Set.of("SIG-15", "GEN-07", "GEN-08");
        assertThat(report.checks()).filteredOn(c -> !notApplicable.contains(c.id())).allSatisfy(c -> assertThat(c.outcome())
                .as("%s %s", c.id(), c.details()).isEqualTo(CheckResult.Outcome.PASS));
        assertThat(report.checks()).filteredOn(c -> notApplicable.contains(c.id())).hasSize(3)
                .allSatisfy(c -> assertThat(c.outcome()).isEqualTo(CheckResult.Outcome.NOT_APPLICABLE));
        // Every rule some check covers is verified (but those of the checks above).
        assertThat(report.rules()).filteredOn(r -> !r.checks().isEmpty() && !java.util.Set.of("R-SIG-15", "R-PAR-17").contains(r.rule().id()))
                .allSatisfy(r -> assertThat(r.outcome()).as("%s", r.rule().id()).isEqualTo(dev.ensemu.contract.report.RuleResult.Outcome.VERIFIED));
        assertThat(report.checks()).hasSizeGreaterThanOrEqualTo(45);
    }

    static Iterable<Defect> defects() {
        return DefectProxy.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defects")
    void everyDefectMakesItsNamedChecksFail(Defect defect) throws Exception {
        RunReport report = runThrough(defect, String.join("|", defect.exposedBy()));
        Map<String, CheckResult> byId = report.checks().stream().collect(Collectors.toMap(CheckResult::id, Function.identity()));

        assertThat(byId.keySet()).containsAll(defect.exposedBy());
        for (String id : defect.exposedBy()) {
            assertThat(byId.get(id).outcome()).as("%s against %s", id, defect).isEqualTo(CheckResult.Outcome.FAIL);
        }
        boolean breaksAMust = defect.exposedBy().stream().anyMatch(id -> byId.get(id).level() == Level.MUST);
        assertThat(report.conformant()).as("conformant despite %s", defect).isEqualTo(!breaksAMust);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defects")
    void inAStrictRunEveryDefectFailsTheRun(Defect defect) throws Exception {
        RunReport report = runThrough(defect, String.join("|", defect.exposedBy()), true);

        assertThat(report.conformant()).as("strict run conformant despite %s", defect).isFalse();
        assertThat(report.verdict()).startsWith("NOT CONFORMANT");
    }

    @Test
    void anEndpointWithOnlyTheListingIsConformantForItAndTheOtherOperationsAreNotImplemented() throws Exception {
        String checks = "DEF-01|PAG-01|ERR-01|EXP-.*|STA-.*|FLOW-.*|ISO-01|GEN-0[3-6]";
        RunReport report = runThrough(Defect.ONLY_DESCRIBE_EXPORT_IMAGE_INFO, checks);

        assertThat(report.operations()).extracting(o -> o.action() + " " + o.verdict()).containsExactly(
                "DescribeExportImageInfo CONFORMANT", "ExportImage NOT_IMPLEMENTED", "DescribeExportImageStatus NOT_IMPLEMENTED");
        assertThat(report.checks()).filteredOn(c -> c.operations().contains("ExportImage") || c.operations().contains("DescribeExportImageStatus"))
                .hasSizeGreaterThanOrEqualTo(12)
                .allSatisfy(c -> assertThat(c.outcome()).as(c.id()).isEqualTo(CheckResult.Outcome.NOT_APPLICABLE));
        assertThat(report.checks()).filteredOn(c -> c.id().equals("DEF-01")).singleElement()
                .satisfies(c -> assertThat(c.outcome()).isEqualTo(CheckResult.Outcome.PASS));
        assertThat(report.conformant()).isTrue();

        RunReport required = runThrough(Defect.ONLY_DESCRIBE_EXPORT_IMAGE_INFO, "DEF-01", false, List.of("DescribeExportImageInfo", "ExportImage"));
        assertThat(required.conformant()).isFalse();
        assertThat(required.verdict()).startsWith("NOT CONFORMANT (required operations not implemented: ExportImage)");
        assertThat(required.operations()).extracting(o -> o.action() + " " + o.verdict()).contains("ExportImage MISSING");

        // --operations all: every operation of the document, read from the document.
        RunReport all = runThrough(Defect.ONLY_DESCRIBE_EXPORT_IMAGE_INFO, "DEF-01", false, List.of(Target.ALL));
        assertThat(all.verdict()).startsWith("NOT CONFORMANT (required operations not implemented: ExportImage, DescribeExportImageStatus)");
        assertThat(all.operations()).extracting(o -> o.action() + " " + o.required()).containsExactly(
                "DescribeExportImageInfo true", "ExportImage true", "DescribeExportImageStatus true");
    }

    @Test
    void anEndpointWhoseRefusalKeepsItsNonceDiffersOnlyWhereTheContractIsOpenAndPassesAStrictRun() throws Exception {
        try (DefectProxy proxy = new DefectProxy(server.endpoint(), Defect.REFUSAL_KEEPS_ITS_NONCE)) {
            EnsClient client = new EnsClient(server.target(Duration.ofSeconds(10)).at(proxy.endpoint()));
            Call refused = Call.get().signedWith(LocalServer.NO_PERMISSION_KEY_ID, LocalServer.NO_PERMISSION_SECRET)
                    .nonce("conformance-" + java.util.UUID.randomUUID()).at(java.time.Instant.now());
            assertThat(client.send(refused).code()).isEqualTo("NoPermission");
            assertThat(client.send(refused).code()).as("sent again: refused again, not a replay").isEqualTo("NoPermission");
        }
        // ensemu itself records the nonce before judging permission: the same call again is a replay.
        EnsClient direct = new EnsClient(server.target(Duration.ofSeconds(10)));
        Call refused = Call.get().signedWith(LocalServer.NO_PERMISSION_KEY_ID, LocalServer.NO_PERMISSION_SECRET)
                .nonce("conformance-" + java.util.UUID.randomUUID()).at(java.time.Instant.now());
        assertThat(direct.send(refused).code()).isEqualTo("NoPermission");
        assertThat(direct.send(refused).code()).isEqualTo("SignatureNonceUsed");

        RunReport report = runThrough(Defect.REFUSAL_KEEPS_ITS_NONCE, "SIG-1[34]|EXP-06|PERM-01", true);
        assertThat(report.checks()).extracting(CheckResult::id).containsExactlyInAnyOrder("SIG-13", "SIG-14", "EXP-06", "PERM-01");
        assertThat(report.checks()).allSatisfy(c -> assertThat(c.outcome()).as("%s %s", c.id(), c.details()).isEqualTo(CheckResult.Outcome.PASS));
        assertThat(report.conformant()).isTrue();
    }

    @Test
    void aGeneratedRequestThatFailsNamesTheRuleItBroke() throws Exception {
        RunReport report = runThrough(Defect.PAGE_SIZE_51_ACCEPTED, "GEN-02");

        assertThat(report.checks()).singleElement().satisfies(gen -> {
            assertThat(gen.outcome()).isEqualTo(CheckResult.Outcome.FAIL);
            assertThat(String.join("\n", gen.details())).contains("breaks R-PAR-08: expected 400 InvalidParameter.PageSize");
        });
        assertThat(report.rules()).filteredOn(r -> r.rule().id().equals("R-PAR-08")).singleElement()
                .satisfies(r -> assertThat(r.outcome()).isEqualTo(dev.ensemu.contract.report.RuleResult.Outcome.FAIL));
    }

    @Test
    void thereAreAtLeastThirtyDistinctDefects() {
        assertThat(DefectProxy.all()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(DefectProxy.all()).as("defects in the image-export operations")
                .filteredOn(d -> d.exposedBy().stream().anyMatch(id -> id.matches("(EXP|STA|FLOW|ISO)-\\d+|GEN-0[3-6]")))
                .hasSizeGreaterThanOrEqualTo(15);
    }
}
