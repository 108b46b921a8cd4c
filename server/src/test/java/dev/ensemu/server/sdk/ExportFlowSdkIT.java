package dev.ensemu.server.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ensemu.server.sdk.ExportFlow.Client;
import dev.ensemu.server.sdk.ExportFlow.Credentials;
import dev.ensemu.server.sdk.ExportFlow.Outcome;
import dev.ensemu.server.support.Admin;
import dev.ensemu.server.support.DevSeed;
import dev.ensemu.server.support.InProcessServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The export-and-poll loop an application writes, through the official SDKs unchanged (java-core
 * CommonRequest V1 and V3, tea-openapi callApi with the generated SDK's Params, V3 and v2), with
 * long-term and temporary credentials; and the Codes their typed errors carry.
 */
class ExportFlowSdkIT {
    private static final String TOKEN = "flow-token";
    private static final Duration EXPORT = Duration.ofMillis(400);
    private static final String PROMISED = "https://ensemu-flow.oss-cn-beijing.aliyuncs.com/exports/m-dev0001.qcow2";
    @RegisterExtension
    static final InProcessServer emulator = InProcessServer.with(settings -> settings.adminToken(TOKEN).exportDuration(EXPORT));
    private static final Credentials DEV = new Credentials(DevSeed.KEY_ID, DevSeed.SECRET, null);
    private static Admin admin;
    private static String endpoint;

    @BeforeAll
    static void start() {
        admin = new Admin(emulator.baseUri(), TOKEN);
        endpoint = emulator.baseUri().getHost() + ":" + emulator.baseUri().getPort();
    }

    @BeforeEach
    void reset() {
        admin.post("/reset", "");
        admin.delete("/faults");
    }

    private static ExportFlow flow(Client client, Credentials credentials) {
        return new ExportFlow(client, endpoint, false, credentials);
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void theLoopEndsExportedAndTheListingShowsThePromisedUrl(Client client) throws Exception {
        Outcome outcome = flow(client, DEV).exportAndPoll("m-dev0001", "ensemu-flow", "cn-beijing", "exports/", Duration.ofSeconds(10));

        assertThat(outcome.promisedUrl()).isEqualTo(PROMISED);
        assertThat(outcome.statuses()).first().isEqualTo("Exporting");
        assertThat(outcome.finalStatus()).isEqualTo("Exported");
        assertThat(outcome.listedStatus()).isEqualTo("Exported");
        assertThat(outcome.listedUrl()).isEqualTo(PROMISED);
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void anExportFaultEndsTheLoopInExportError(Client client) throws Exception {
        assertThat(admin.post("/faults", "{\"failExport\":\"m-dev0001\"}").status()).isEqualTo(201);

        Outcome failed = flow(client, DEV).exportAndPoll("m-dev0001", "ensemu-flow", "cn-beijing", "exports/", Duration.ofSeconds(10));
        assertThat(failed.finalStatus()).isEqualTo("ExportError");
        assertThat(failed.listedStatus()).isEqualTo("ExportError");
        assertThat(failed.listedUrl()).isEmpty();

        Outcome retried = flow(client, DEV).exportAndPoll("m-dev0001", "ensemu-flow", "cn-beijing", "exports/", Duration.ofSeconds(10));
        assertThat(retried.finalStatus()).as("the fault was for one export").isEqualTo("Exported");
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void temporaryCredentialsRunTheLoop(Client client) throws Exception {
        JsonNode sts = new ObjectMapper().readTree(
                admin.post("/sts", "{\"accountId\":\"1000000000000001\",\"durationSeconds\":900}").body());
        Credentials temporary = new Credentials(sts.path("accessKeyId").asText(), sts.path("accessKeySecret").asText(),
                sts.path("securityToken").asText());

        Outcome outcome = flow(client, temporary).exportAndPoll("m-dev0001", "ensemu-flow", "cn-beijing", "exports/",
                Duration.ofSeconds(10));
        assertThat(outcome.listedUrl()).isEqualTo(PROMISED);
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void typedErrorsCarryTheEnsCodes(Client client) throws Exception {
        ExportFlow dev = flow(client, DEV);
        Map<String, String> export = new LinkedHashMap<>(Map.of("ImageId", "m-dev0001", "OSSBucket", "ensemu-flow",
                "OSSRegionId", "cn-beijing"));

        assertThat(dev.code("ExportImage", export)).isEqualTo("Success");
        assertThat(dev.code("ExportImage", export)).as("while Exporting").isEqualTo("IncorrectImageStatus");
        assertThat(dev.code("ExportImage", with(export, "ImageId", "m-oth0001"))).as("another account's image")
                .isEqualTo("InvalidImageId.NotFound");
        assertThat(dev.code("ExportImage", with(export, "OSSBucket", ""))).isEqualTo("MissingParameter");
        assertThat(dev.code("ExportImage", with(export, "OSSBucket", "Upper_Case"))).isEqualTo("InvalidParameter.OSSBucket");
        assertThat(dev.code("ExportImage", with(export, "OSSRegionId", "cn beijing"))).isEqualTo("InvalidParameter.OSSRegionId");
        assertThat(dev.code("ExportImage", with(export, "OSSPrefix", "x".repeat(31)))).isEqualTo("InvalidParameter.OSSPrefix");
        assertThat(dev.code("DescribeExportImageStatus", Map.of("ImageId", "m-nothing"))).isEqualTo("InvalidImageId.NotFound");
        assertThat(dev.code("DescribeExportImageStatus", Map.of())).isEqualTo("MissingParameter");
        assertThat(flow(client, new Credentials(DevSeed.NO_PERMISSION_KEY_ID, DevSeed.NO_PERMISSION_SECRET, null))
                .code("DescribeExportImageStatus", Map.of("ImageId", "m-dev0001"))).isEqualTo("NoPermission");
    }

    @ParameterizedTest
    @EnumSource(value = Client.class, names = {"JAVA_CORE_V1", "TEA_V3"})
    void theControlPlaneEndsAnExportAtOnceKeepingThePromisedUrl(Client client) throws Exception {
        ExportFlow dev = flow(client, DEV);
        String promised = dev.call("ExportImage", Map.of("ImageId", "m-dev0001", "OSSBucket", "ensemu-flow", "OSSRegionId", "cn-beijing",
                "OSSPrefix", "exports/")).path("ExportedImageURL").asText();

        assertThat(admin.put("/accounts/1000000000000001/images/m-dev0001/export-status", "{\"status\":\"Exported\"}").status())
                .isEqualTo(200);
        assertThat(dev.call("DescribeExportImageStatus", Map.of("ImageId", "m-dev0001")).path("ImageExportStatus").asText())
                .isEqualTo("Exported");
        assertThat(dev.call("DescribeExportImageInfo", Map.of("ImageId", "m-dev0001")).at("/Images/Image/0/ExportedImageURL").asText())
                .isEqualTo(promised).isEqualTo(PROMISED);
    }

    @ParameterizedTest
    @EnumSource(value = Client.class, names = {"JAVA_CORE_V3", "TEA_V2"})
    void anExportFaultForAnyImageFailsTheNextExportsItCounts(Client client) throws Exception {
        assertThat(admin.post("/faults", "{\"failExport\":\"*\",\"times\":2}").status()).isEqualTo(201);
        assertThat(admin.post("/faults", "{\"failExport\":\"*\",\"code\":\"Throttling.User\"}").status())
                .as("an export fault takes no code").isEqualTo(400);
        ExportFlow dev = flow(client, DEV);

        for (String image : new String[] {"m-dev0001", "m-dev0003"}) {
            assertThat(dev.exportAndPoll(image, "ensemu-flow", "cn-beijing", "any/", Duration.ofSeconds(10)).finalStatus())
                    .as(image).isEqualTo("ExportError");
        }
        assertThat(dev.exportAndPoll("m-dev0004", "ensemu-flow", "cn-beijing", "any/", Duration.ofSeconds(10)).finalStatus())
                .as("after its two exports the fault is gone").isEqualTo("Exported");
    }

    private static Map<String, String> with(Map<String, String> parameters, String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(parameters);
        changed.put(name, value);
        return changed;
    }
}
