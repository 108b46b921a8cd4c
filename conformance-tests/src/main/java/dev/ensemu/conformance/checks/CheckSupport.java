package dev.ensemu.conformance.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ensemu.conformance.client.Answer;
import dev.ensemu.conformance.client.Call;
import dev.ensemu.conformance.client.EnsClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the checks share: the client for the target, the listing, the error assertion, the level rule. */
@ExtendWith({OperationCondition.class, LevelEnforcement.class})
abstract class CheckSupport {
    /** How many images the pagination checks walk at most, so a huge catalog stays quick. */
    static final int WALKED_IMAGES = 30;

    final EnsClient ens = EnsClient.forCurrentTarget();

    Answer send(Call call) {
        return ens.send(call);
    }

    /** A successful answer: 200, JSON. */
    Answer ok(Call call) {
        Answer answer = send(call);
        assertThat(answer.status()).as("status of %s", answer).isEqualTo(200);
        return answer;
    }

    static void assertError(Answer answer, int status, String code) {
        assertThat(answer.status()).as("status of %s", answer).isEqualTo(status);
        assertThat(answer.code()).as("Code of %s", answer).isEqualTo(code);
    }

    /** The first {@code limit} images of the listing, read in pages of 50, and the TotalCount. */
    record Listing(List<JsonNode> images, int totalCount) {
        List<String> ids() {
            return images.stream().map(i -> i.path("ImageId").asText()).toList();
        }
    }

    Listing listing(int limit) {
        List<JsonNode> images = new ArrayList<>();
        Answer first = ok(Call.get().query("PageSize", 50).query("PageNumber", 1));
        int total = first.totalCount();
        images.addAll(first.images());
        for (int page = 2; images.size() < Math.min(total, limit); page++) {
            Answer next = ok(Call.get().query("PageSize", 50).query("PageNumber", page));
            if (next.images().isEmpty()) {
                break;
            }
            images.addAll(next.images());
        }
        return new Listing(images.subList(0, Math.min(images.size(), limit)), total);
    }

    /** The bucket, region and prefix the flow checks export to (nothing is written: the emulator and ENS alike only promise a URL). */
    static final String BUCKET = "ensemu-conformance";
    static final String REGION = "cn-beijing";
    static final String PREFIX = "conformance/";
    /** The four export statuses the ENS page lists, in the order an export goes through them. */
    static final List<String> STATUSES = List.of("Unexported", "Exporting", "Exported", "ExportError");
    /** CreationTime's form: UTC, whole seconds. */
    static final String UTC_SECONDS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z";
    /** RequestId's form, as the ENS page's samples show it. */
    static final String UPPER_CASE_UUID = "[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}";
    /** An ImageId no account has. */
    static final String NO_SUCH_IMAGE = "m-conformance-no-such-image";
    private static final java.util.concurrent.atomic.AtomicInteger NEXT_EXPORTABLE = new java.util.concurrent.atomic.AtomicInteger();

    /** ExportImage of the image to the conformance bucket, with or without the prefix. */
    Answer exportImage(String imageId, boolean withPrefix) {
        Call call = Call.get().action("ExportImage").query("ImageId", imageId).query("OSSBucket", BUCKET).query("OSSRegionId", REGION);
        return send(withPrefix ? call.query("OSSPrefix", PREFIX) : call);
    }

    /** The status DescribeExportImageStatus answers for the image (the answer must be a 200). */
    String exportStatus(String imageId) {
        return ok(Call.get().action("DescribeExportImageStatus").query("ImageId", imageId)).json().path("ImageExportStatus").asText();
    }

    /** The image as DescribeExportImageInfo lists it (filtered by its ImageId). */
    JsonNode listed(String imageId) {
        return ok(Call.get().query("ImageId", imageId)).images().stream().findFirst()
                .orElseThrow(() -> new AssertionError("DescribeExportImageInfo does not list " + imageId));
    }

    /**
     * An image of the account that is not being exported, a different one on each call while
     * there are enough (checks that export must not meet each other's exports).
     */
    String exportableImage() {
        List<String> ids = listingWithImages(200).images().stream()
                .filter(i -> !i.path("ImageExportStatus").asText().equals("Exporting")).map(i -> i.path("ImageId").asText()).toList();
        Assumptions.assumeFalse(ids.isEmpty(), "not applicable: every image of the target account is being exported");
        return ids.get(Math.floorMod(NEXT_EXPORTABLE.getAndIncrement(), ids.size()));
    }

    static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** The listing, or "not applicable" when the account has no images to check with. */
    Listing listingWithImages(int limit) {
        Listing listing = listing(limit);
        Assumptions.assumeTrue(listing.totalCount() > 0, "not applicable: the target account has no images");
        return listing;
    }
}
