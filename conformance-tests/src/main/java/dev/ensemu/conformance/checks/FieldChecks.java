package dev.ensemu.conformance.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ensemu.conformance.checks.Check;
import dev.ensemu.contract.report.Level;
import dev.ensemu.conformance.client.Answer;
import dev.ensemu.conformance.client.Call;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The fields of a success answer, by the names and rules of the ENS documentation. */
class FieldChecks extends CheckSupport {

    private List<JsonNode> images() {
        return listingWithImages(WALKED_IMAGES).images();
    }

    @Test
    @Check(id = "FLD-01", rules = {"R-ANS-12"}, description = "ImageExportStatus is one of Exporting, Exported, ExportError, Unexported")
    void exportStatusIsKnown() {
        assertThat(images()).allSatisfy(i -> assertThat(i.path("ImageExportStatus").asText())
                .as("%s", i).isIn(STATUSES));
    }

    @Test
    @Check(id = "FLD-02", rules = {"R-ANS-12"}, description = "ImageOwnerAlias is system or self")
    void ownerAliasIsKnown() {
        assertThat(images()).allSatisfy(i -> assertThat(i.path("ImageOwnerAlias").asText()).as("%s", i).isIn("system", "self"));
    }

    @Test
    @Check(id = "FLD-03", rules = {"R-ANS-05"}, description = "ExportedImageURL is always present: a URL when Exported, \"\" otherwise")
    void exportedImageUrlFollowsTheStatus() {
        assertThat(images()).allSatisfy(i -> {
            assertThat(i.has("ExportedImageURL")).as("ExportedImageURL present in %s", i).isTrue();
            assertThat(i.path("ExportedImageURL").isTextual()).as("ExportedImageURL is a string in %s", i).isTrue();
            boolean exported = i.path("ImageExportStatus").asText().equals("Exported");
            assertThat(i.path("ExportedImageURL").asText().isEmpty()).as("URL empty unless Exported: %s", i).isEqualTo(!exported);
        });
    }

    @Test
    @Check(id = "FLD-04", rules = {"R-ANS-06"}, description = "CreationTime is UTC yyyy-MM-ddTHH:mm:ssZ")
    void creationTimeFormat() {
        assertThat(images()).allSatisfy(i -> assertThat(i.path("CreationTime").asText())
                .as("%s", i).matches(UTC_SECONDS));
    }

    @Test
    @Check(id = "FLD-05", rules = {"R-ANS-07"}, description = "RequestId is an upper-case UUID and the x-acs-request-id header carries the same value")
    void requestIdInBodyAndHeader() {
        Answer answer = ok(Call.get());

        assertThat(answer.json().path("RequestId").asText()).matches(UPPER_CASE_UUID);
        assertThat(answer.header("x-acs-request-id")).as("x-acs-request-id header").contains(answer.json().path("RequestId").asText());
    }

    @Test
    @Check(id = "FLD-06", rules = {"R-ANS-09"}, description = "A JSON success answer has Content-Type application/json")
    void jsonContentType() {
        assertThat(ok(Call.get()).header("Content-Type")).hasValueSatisfying(
                type -> assertThat(type.toLowerCase()).startsWith("application/json"));
    }

    @Test
    @Check(id = "FLD-07", rules = {"R-ANS-08"}, description = "A success body carries no Code key (clients treat any Code as an error)")
    void successHasNoCode() {
        assertThat(ok(Call.get()).json().has("Code")).isFalse();
    }

    @Test
    @Check(id = "FLD-08", rules = {"R-ANS-10"}, level = Level.SHOULD, description = "Non-ASCII text is written as raw UTF-8, never as \\u escapes")
    void nonAsciiIsRawUtf8() {
        List<JsonNode> images = images();
        JsonNode nonAscii = images.stream().filter(i -> i.path("ImageName").asText().chars().anyMatch(c -> c > 127))
                .findFirst().orElse(null);
        Assumptions.assumeTrue(nonAscii != null, "not applicable: no image with a non-ASCII name in the first " + images.size());

        Answer answer = ok(Call.get().query("ImageName", nonAscii.path("ImageName").asText()));

        assertThat(answer.body()).contains(nonAscii.path("ImageName").asText()).doesNotContain("\\u");
    }

    @Test
    @Check(id = "FLD-09", rules = {"R-ANS-09"}, description = "Counters (PageNumber, PageSize, TotalCount) are JSON numbers")
    void countersAreNumbers() {
        JsonNode body = ok(Call.get()).json();

        assertThat(List.of(body.path("PageNumber"), body.path("PageSize"), body.path("TotalCount")))
                .allSatisfy(n -> assertThat(n.isIntegralNumber()).as("%s is a number", n).isTrue());
    }
}
