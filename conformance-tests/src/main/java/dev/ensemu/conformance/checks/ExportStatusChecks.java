package dev.ensemu.conformance.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ensemu.conformance.client.Answer;
import dev.ensemu.conformance.client.Call;
import org.junit.jupiter.api.Test;

/** DescribeExportImageStatus on its own: its parameter, and that it answers the status the listing shows. */
class ExportStatusChecks extends CheckSupport {
    /** What DescribeExportImageStatus's generated requests are judged by (GEN-05, GEN-06). */
    static final OperationOracle ORACLE = new ImageOracle("DescribeExportImageStatus", true);

    @Test
    @Check(id = "STA-01", rules = {"R-EXP-01"}, operations = {"DescribeExportImageStatus"},
            description = "DescribeExportImageStatus without ImageId is 400 MissingParameter")
    void imageIdParameter() {
        assertError(send(Call.get().action("DescribeExportImageStatus")), 400, "MissingParameter");
    }

    @Test
    @Check(id = "STA-02", rules = {"R-STA-01"}, operations = {"DescribeExportImageStatus"},
            description = "DescribeExportImageStatus answers exactly {ImageExportStatus, RequestId} with the status the listing shows, for every listed image")
    void statusOfEveryListedImage() {
        for (JsonNode image : listingWithImages(WALKED_IMAGES).images()) {
            String id = image.path("ImageId").asText();
            Answer answer = ok(Call.get().action("DescribeExportImageStatus").query("ImageId", id));
            assertThat(keys(answer.json())).as("keys of %s", answer).containsExactlyInAnyOrder("ImageExportStatus", "RequestId");
            assertThat(answer.header("x-acs-request-id")).contains(answer.json().path("RequestId").asText());
            String status = answer.json().path("ImageExportStatus").asText();
            String listedNow = listed(id).path("ImageExportStatus").asText();
            // An export may end between the two calls: then a second look must agree.
            if (!status.equals(listedNow)) {
                status = exportStatus(id);
                listedNow = listed(id).path("ImageExportStatus").asText();
            }
            assertThat(status).as("status of %s by DescribeExportImageStatus and by DescribeExportImageInfo", id).isEqualTo(listedNow);
        }
    }
}
