package dev.ensemu.conformance.checks;

import dev.ensemu.contract.report.Level;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ensemu.conformance.client.Answer;
import dev.ensemu.conformance.client.Call;
import dev.ensemu.conformance.endpoint.Target;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** ExportImage on its own: required parameters, limits and patterns, unknown images, the answer and its URL, permission. */
class ExportImageChecks extends CheckSupport {
    /** What ExportImage's generated requests are judged by (GEN-03, GEN-04): they name no listed image, so start no export. */
    static final OperationOracle ORACLE = new ImageOracle("ExportImage", false);

    private static final Map<String, String> VALID = Map.of("ImageId", NO_SUCH_IMAGE, "OSSBucket", BUCKET, "OSSRegionId", REGION);

    private Call exportCall(Map<String, String> parameters) {
        Call call = Call.get().action("ExportImage");
        parameters.forEach(call::query);
        return call;
    }

    private static Map<String, String> with(String name, String value) {
        Map<String, String> parameters = new java.util.LinkedHashMap<>(VALID);
        if (value == null) {
            parameters.remove(name);
        } else {
            parameters.put(name, value);
        }
        return parameters;
    }

    @Test
    @Check(id = "EXP-01", rules = {"R-EXP-01"}, operations = {"ExportImage"},
            description = "ExportImage without ImageId, OSSBucket or OSSRegionId is 400 MissingParameter")
    void requiredParameters() {
        for (String name : List.of("ImageId", "OSSBucket", "OSSRegionId")) {
            assertError(send(exportCall(with(name, null))), 400, "MissingParameter");
        }
    }

    @Test
    @Check(id = "EXP-02", rules = {"R-EXP-02"}, operations = {"ExportImage"},
            description = "ExportImage with an OSSRegionId the ENS page does not list, or an OSSPrefix over 30 characters or with characters the page does not allow, is 400 InvalidParameter.<Name>, before the image is looked up")
    void limitsAndPatterns() {
        Map<String, List<String>> invalid = Map.of(
                "OSSRegionId", List.of("CN-BEIJING", "cn_beijing", "cn beijing", "cn-hangzhou", "r".repeat(65)),
                "OSSPrefix", List.of("p".repeat(31), "with space", "star*", "quote\""));
        invalid.forEach((name, values) -> values.forEach(value ->
                assertError(send(exportCall(with(name, value))), 400, "InvalidParameter." + name)));
    }

    @Test
    @Check(id = "EXP-08", rules = {"R-EXP-08", "R-PAR-04"}, level = Level.SHOULD, operations = {"ExportImage", "DescribeExportImageStatus"},
            description = "An OSSBucket outside OSS's naming rule, a RoleName over 64 or an ImageId over 128 characters is 400 InvalidParameter.<Name>;"
                    + " an empty required parameter is 400 MissingParameter")
    void ensemusOwnLimits() {
        Map<String, List<String>> invalid = Map.of(
                "OSSBucket", List.of("ab", "b".repeat(64), "Upper-Case", "-leading", "trailing-", "under_score", "dot.ted"),
                "RoleName", List.of("r".repeat(65)),
                "ImageId", List.of("m".repeat(129)));
        invalid.forEach((name, values) -> values.forEach(value ->
                assertError(send(exportCall(with(name, value))), 400, "InvalidParameter." + name)));
        assertError(send(Call.get().action("DescribeExportImageStatus").query("ImageId", "m".repeat(129))), 400, "InvalidParameter.ImageId");
        for (String name : List.of("ImageId", "OSSBucket", "OSSRegionId")) {
            assertError(send(exportCall(with(name, ""))), 400, "MissingParameter");
        }
        assertError(send(Call.get().action("DescribeExportImageStatus").query("ImageId", "")), 400, "MissingParameter");
    }

    @Test
    @Check(id = "EXP-03", rules = {"R-EXP-03"}, level = Level.SHOULD, operations = {"ExportImage", "DescribeExportImageStatus"},
            description = "An ImageId the account does not have is 404 InvalidImageId.NotFound for ExportImage and DescribeExportImageStatus")
    void unknownImage() {
        assertError(send(exportCall(VALID)), 404, "InvalidImageId.NotFound");
        assertError(send(exportCall(with("OSSPrefix", PREFIX))), 404, "InvalidImageId.NotFound");
        assertError(send(Call.get().action("DescribeExportImageStatus").query("ImageId", NO_SUCH_IMAGE)), 404, "InvalidImageId.NotFound");
    }

    @Test
    @Check(id = "EXP-04", rules = {"R-EXP-04"}, operations = {"ExportImage"},
            description = "ExportImage answers exactly {ExportedImageURL, RequestId} with https://{OSSBucket}.oss-{OSSRegionId}.aliyuncs.com/{OSSPrefix}{ImageId}.qcow2")
    void answerAndUrl() {
        for (boolean withPrefix : new boolean[] {true, false}) {
            String imageId = exportableImage();
            Answer answer = exportImage(imageId, withPrefix);
            assertThat(answer.status()).as("status of %s", answer).isEqualTo(200);
            JsonNode body = answer.json();
            assertThat(keys(body)).as("keys of %s", answer).containsExactlyInAnyOrder("ExportedImageURL", "RequestId");
            assertThat(answer.header("x-acs-request-id")).contains(body.path("RequestId").asText());
            assertThat(body.path("ExportedImageURL").asText()).isEqualTo("https://" + BUCKET + ".oss-" + REGION + ".aliyuncs.com/"
                    + (withPrefix ? PREFIX : "") + imageId + ".qcow2");
        }
    }

    @Test
    @Check(id = "EXP-05", rules = {"R-EXP-06"}, level = Level.SHOULD, operations = {"ExportImage", "DescribeExportImageStatus"},
            description = "With Format=XML, ExportImage and DescribeExportImageStatus answer <ExportImageResponse> and <DescribeExportImageStatusResponse>")
    void xmlRoots() {
        String imageId = exportableImage();
        Answer exported = send(Call.get().action("ExportImage").query("Format", "XML").query("ImageId", imageId)
                .query("OSSBucket", BUCKET).query("OSSRegionId", REGION));
        assertThat(exported.status()).as("status of %s", exported).isEqualTo(200);
        assertThat(exported.header("Content-Type")).hasValueSatisfying(t -> assertThat(t.toLowerCase()).startsWith("text/xml"));
        assertThat(exported.body()).contains("<ExportImageResponse>", "<ExportedImageURL>https://" + BUCKET + ".oss-", "<RequestId>");
        Answer status = send(Call.get().action("DescribeExportImageStatus").query("Format", "XML").query("ImageId", imageId));
        assertThat(status.status()).as("status of %s", status).isEqualTo(200);
        assertThat(status.body()).contains("<DescribeExportImageStatusResponse>", "<ImageExportStatus>", "<RequestId>");
    }

    @Test
    @Check(id = "EXP-06", rules = {"R-EXP-07"}, operations = {"ExportImage", "DescribeExportImageStatus"},
            description = "A key whose account may not call ExportImage or DescribeExportImageStatus is 400 NoPermission")
    void permission() {
        Target.Credentials key = ens.target().unpermitted()
                .orElseThrow(() -> new TestAbortedException("not applicable: the run has no key without permission (--unpermitted-key-id)"));
        assertError(send(exportCall(VALID).signedWith(key.accessKeyId(), key.secret())), 400, "NoPermission");
        assertError(send(Call.get().action("DescribeExportImageStatus").query("ImageId", NO_SUCH_IMAGE)
                .signedWith(key.accessKeyId(), key.secret())), 400, "NoPermission");
    }
}
