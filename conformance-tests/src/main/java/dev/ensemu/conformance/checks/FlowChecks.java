package dev.ensemu.conformance.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ensemu.conformance.client.Answer;
import dev.ensemu.contract.report.Level;
import dev.ensemu.conformance.client.Call;
import dev.ensemu.conformance.endpoint.Target;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * The image-export flow as an application runs it: ExportImage, poll until the export ends
 * (bounded by the run's export timeout), read the URL. The export ends by itself: the checks need
 * no control plane.
 */
class FlowChecks extends CheckSupport {
    private static final Set<String> ENDED = Set.of("Exported", "ExportError");

    @Test
    @Check(id = "FLOW-01", rules = {"R-FLW-01", "R-EXP-04"}, operations = {"DescribeExportImageInfo", "ExportImage", "DescribeExportImageStatus"},
            description = "After ExportImage the image is Exporting at once, ends Exported or ExportError, and once Exported is listed with the promised URL")
    void exportThenPollThenRead() {
        String imageId = exportableImage();
        Answer started = exportImage(imageId, true);
        assertThat(started.status()).as("status of %s", started).isEqualTo(200);
        String promised = started.json().path("ExportedImageURL").asText();

        String first = exportStatus(imageId);
        assertThat(first).as("status right after ExportImage").isIn("Exporting", "Exported", "ExportError");
        String status = pollUntilEnded(imageId);
        if (status.equals("Exported")) {
            assertThat(listed(imageId).path("ExportedImageURL").asText()).as("the URL DescribeExportImageInfo shows").isEqualTo(promised);
        } else {
            assertThat(listed(imageId).path("ExportedImageURL").asText()).as("the URL of a failed export").isEmpty();
        }
        if (!first.equals("Exporting")) {
            throw new TestAbortedException("not applicable in part: the export ended before the first poll; the rest held");
        }
    }

    @Test
    @Check(id = "FLOW-02", rules = {"R-FLW-02", "R-STA-01", "R-ANS-05", "R-ANS-06", "R-ANS-07", "R-ANS-08", "R-ANS-09", "R-ANS-12", "R-ANS-13"},
            operations = {"DescribeExportImageInfo", "ExportImage", "DescribeExportImageStatus"},
            description = "At every poll of an export, DescribeExportImageStatus and DescribeExportImageInfo agree on its status,"
                    + " and both answers keep every rule of their operation")
    void bothStatusOperationsAgreeAtEveryPoll() {
        String imageId = exportableImage();
        assertThat(exportImage(imageId, false).status()).isEqualTo(200);
        Instant deadline = Instant.now().plus(ens.target().exportTimeout());
        int polls = 0;
        while (true) {
            polls++;
            String before = polledStatus(imageId, polls);
            String listing = polledImage(imageId, polls).path("ImageExportStatus").asText();
            String after = polledStatus(imageId, polls);
            // The export may end between two calls; the listing must show what one of its neighbours showed.
            assertThat(listing).as("poll %d: DescribeExportImageStatus said %s then %s", polls, before, after).isIn(before, after);
            if (ENDED.contains(after)) {
                return;
            }
            assertThat(Instant.now()).as("the export of %s ended within %s", imageId, ens.target().exportTimeout()).isBefore(deadline);
            pause();
        }
    }

    /** DescribeExportImageStatus during an export, held to its rules (the document's schema is checked on every answer). */
    private String polledStatus(String imageId, int poll) {
        Answer answer = ok(Call.get().action("DescribeExportImageStatus").query("ImageId", imageId));
        String at = "poll " + poll + ": DescribeExportImageStatus " + answer;
        assertThat(keys(answer.json())).as(at).containsExactlyInAnyOrder("ImageExportStatus", "RequestId");
        assertSuccessEnvelope(answer, at);
        String status = answer.json().path("ImageExportStatus").asText();
        assertThat(status).as(at).isIn(STATUSES);
        return status;
    }

    /** The image as DescribeExportImageInfo lists it during an export, held to the listing's field rules. */
    private JsonNode polledImage(String imageId, int poll) {
        Answer answer = ok(Call.get().query("ImageId", imageId));
        String at = "poll " + poll + ": DescribeExportImageInfo " + answer;
        assertSuccessEnvelope(answer, at);
        assertThat(answer.json().path("TotalCount").isIntegralNumber()).as(at + ": TotalCount a JSON number").isTrue();
        assertThat(answer.totalCount()).as(at).isEqualTo(1);
        JsonNode image = answer.images().get(0);
        String status = image.path("ImageExportStatus").asText();
        assertThat(status).as(at).isIn(STATUSES);
        assertThat(image.path("ImageOwnerAlias").asText()).as(at).isIn("system", "self");
        assertThat(image.path("CreationTime").asText()).as(at).matches(UTC_SECONDS);
        assertThat(image.has("ExportedImageURL")).as(at + ": ExportedImageURL present").isTrue();
        assertThat(image.path("ExportedImageURL").asText().isEmpty()).as(at + ": ExportedImageURL empty unless Exported")
                .isEqualTo(!status.equals("Exported"));
        return image;
    }

    /** JSON, no Code, an upper-case UUID RequestId that the x-acs-request-id header repeats. */
    private static void assertSuccessEnvelope(Answer answer, String at) {
        assertThat(answer.header("Content-Type")).as(at).hasValueSatisfying(type -> assertThat(type.toLowerCase()).startsWith("application/json"));
        assertThat(answer.json().has("Code")).as(at + ": a Code in a success body").isFalse();
        String requestId = answer.json().path("RequestId").asText();
        assertThat(requestId).as(at).matches(UPPER_CASE_UUID);
        assertThat(answer.header("x-acs-request-id")).as(at).hasValue(requestId);
    }

    @Test
    @Check(id = "FLOW-03", rules = {"R-EXP-05"}, level = Level.SHOULD, operations = {"ExportImage", "DescribeExportImageStatus"},
            description = "ExportImage of an image that is Exporting is 400 IncorrectImageStatus")
    void onlyOneExportAtATime() {
        String imageId = exportableImage();
        assertThat(exportImage(imageId, false).status()).isEqualTo(200);
        Assumptions.assumeTrue(exportStatus(imageId).equals("Exporting"), "not applicable: the export ended before a second could be asked for");
        assertError(exportImage(imageId, true), 400, "IncorrectImageStatus");
        pollUntilEnded(imageId);
    }

    @Test
    @Check(id = "ISO-01", rules = {"R-ISO-01"}, operations = {"DescribeExportImageInfo", "ExportImage", "DescribeExportImageStatus"},
            description = "Another account's image is not listed, and ExportImage and DescribeExportImageStatus answer it exactly as an image no account has")
    void anotherAccountsImageIsNotFound() {
        Target.Credentials other = ens.target().otherAccount()
                .orElseThrow(() -> new TestAbortedException("not applicable: the run has no key of another account (--other-key-id)"));
        List<String> own = listing(Integer.MAX_VALUE).ids();
        Answer theirs = ok(Call.get().query("PageSize", 50).signedWith(other.accessKeyId(), other.secret()));
        String foreign = theirs.imageIds().stream().filter(id -> !own.contains(id)).findFirst()
                .orElseThrow(() -> new TestAbortedException("not applicable: the other account has no image this one lacks"));

        assertThat(ok(Call.get().query("ImageId", foreign)).totalCount()).as("another account's image listed").isZero();
        for (String action : List.of("ExportImage", "DescribeExportImageStatus")) {
            Answer theirImage = send(imageCall(action, foreign));
            Answer noImage = send(imageCall(action, NO_SUCH_IMAGE));
            // Whatever the endpoint answers for an image that does not exist (ensemu: 404 InvalidImageId.NotFound, a SHOULD),
            // another account's image gets the same: refused, and nothing tells that it exists.
            assertThat(noImage.status()).as("%s of an image no account has: %s", action, noImage).isBetween(400, 499);
            assertThat(theirImage.status() + " " + theirImage.code()).as("%s of another account's image: %s", action, theirImage)
                    .isEqualTo(noImage.status() + " " + noImage.code());
        }
    }

    private static Call imageCall(String action, String imageId) {
        Call call = Call.get().action(action).query("ImageId", imageId);
        return action.equals("ExportImage") ? call.query("OSSBucket", BUCKET).query("OSSRegionId", REGION) : call;
    }

    /** Polls DescribeExportImageStatus until the export ends; fails after the run's export timeout. */
    private String pollUntilEnded(String imageId) {
        Instant deadline = Instant.now().plus(ens.target().exportTimeout());
        while (true) {
            String status = exportStatus(imageId);
            if (ENDED.contains(status)) {
                return status;
            }
            assertThat(status).as("status of %s while exporting", imageId).isEqualTo("Exporting");
            assertThat(Instant.now()).as("the export of %s ended within %s (--export-timeout)", imageId, ens.target().exportTimeout())
                    .isBefore(deadline);
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while polling", e);
        }
    }
}
