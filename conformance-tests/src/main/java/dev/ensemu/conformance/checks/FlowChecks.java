package dev.ensemu.conformance.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ensemu.conformance.client.Answer;
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
    @Check(id = "FLOW-02", rules = {"R-FLW-02"}, operations = {"DescribeExportImageInfo", "ExportImage", "DescribeExportImageStatus"},
            description = "At every poll of an export, DescribeExportImageStatus and DescribeExportImageInfo agree on its status")
    void bothStatusOperationsAgreeAtEveryPoll() {
        String imageId = exportableImage();
        assertThat(exportImage(imageId, false).status()).isEqualTo(200);
        Instant deadline = Instant.now().plus(ens.target().exportTimeout());
        int polls = 0;
        while (true) {
            String before = exportStatus(imageId);
            String listing = listed(imageId).path("ImageExportStatus").asText();
            String after = exportStatus(imageId);
            polls++;
            // The export may end between two calls; the listing must show what one of its neighbours showed.
            assertThat(listing).as("poll %d: DescribeExportImageStatus said %s then %s", polls, before, after).isIn(before, after);
            if (ENDED.contains(after)) {
                return;
            }
            assertThat(Instant.now()).as("the export of %s ended within %s", imageId, ens.target().exportTimeout()).isBefore(deadline);
            pause();
        }
    }

    @Test
    @Check(id = "FLOW-03", rules = {"R-EXP-05"}, operations = {"ExportImage", "DescribeExportImageStatus"},
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
            description = "Another account's image is not listed, and ExportImage and DescribeExportImageStatus answer 404 InvalidImageId.NotFound for it")
    void anotherAccountsImageIsNotFound() {
        Target.Credentials other = ens.target().otherAccount()
                .orElseThrow(() -> new TestAbortedException("not applicable: the run has no key of another account (--other-key-id)"));
        List<String> own = listing(Integer.MAX_VALUE).ids();
        Answer theirs = ok(Call.get().query("PageSize", 50).signedWith(other.accessKeyId(), other.secret()));
        String foreign = theirs.imageIds().stream().filter(id -> !own.contains(id)).findFirst()
                .orElseThrow(() -> new TestAbortedException("not applicable: the other account has no image this one lacks"));

        assertThat(ok(Call.get().query("ImageId", foreign)).totalCount()).as("another account's image listed").isZero();
        assertError(send(Call.get().action("ExportImage").query("ImageId", foreign).query("OSSBucket", BUCKET).query("OSSRegionId", REGION)),
                404, "InvalidImageId.NotFound");
        assertError(send(Call.get().action("DescribeExportImageStatus").query("ImageId", foreign)), 404, "InvalidImageId.NotFound");
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
