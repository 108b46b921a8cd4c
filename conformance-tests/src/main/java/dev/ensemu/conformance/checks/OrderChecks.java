package dev.ensemu.conformance.checks;

import dev.ensemu.contract.report.Level;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ensemu.conformance.client.Call;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The listing's order, judged from the answers alone: no control plane or known data needed. */
class OrderChecks extends CheckSupport {
    /** How many images the order is checked over at most (20 pages of 50). */
    static final int ORDERED_IMAGES = 1_000;

    @Test
    @Check(id = "ORD-01", rules = {"R-ANS-01"}, level = Level.SHOULD,
            description = "Images come newest first by CreationTime, ties by ImageId ascending, in pages of 50 and of 7 alike")
    void listingIsNewestFirstWithTiesByImageId() {
        Listing listing = listing(ORDERED_IMAGES);
        Assumptions.assumeTrue(listing.images().size() >= 2, "not applicable: the target account has fewer than two images");
        assertOrdered(listing.images(), "pages of 50");

        List<JsonNode> walked = new ArrayList<>();
        for (int page = 1; walked.size() < Math.min(70, listing.images().size()); page++) {
            List<JsonNode> images = ok(Call.get().query("PageSize", 7).query("PageNumber", page)).images();
            if (images.isEmpty()) {
                break;
            }
            walked.addAll(images);
        }
        assertOrdered(walked, "pages of 7");
    }

    private static void assertOrdered(List<JsonNode> images, String how) {
        for (int i = 1; i < images.size(); i++) {
            JsonNode before = images.get(i - 1);
            JsonNode after = images.get(i);
            // CreationTime is fixed-width UTC (yyyy-MM-ddTHH:mm:ssZ), so text order is time order.
            int time = after.path("CreationTime").asText().compareTo(before.path("CreationTime").asText());
            assertThat(time).as("%s: image %d (%s, %s) is newer than image %d (%s, %s)", how, i + 1, after.path("ImageId").asText(),
                    after.path("CreationTime").asText(), i, before.path("ImageId").asText(), before.path("CreationTime").asText())
                    .isLessThanOrEqualTo(0);
            if (time == 0) {
                assertThat(after.path("ImageId").asText()).as("%s: images %d and %d share CreationTime %s; ties go by ImageId ascending",
                        how, i, i + 1, after.path("CreationTime").asText()).isGreaterThan(before.path("ImageId").asText());
            }
        }
    }
}
