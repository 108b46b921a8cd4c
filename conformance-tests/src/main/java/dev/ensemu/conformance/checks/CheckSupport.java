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
@ExtendWith(LevelEnforcement.class)
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

    /** The listing, or "not applicable" when the account has no images to check with. */
    Listing listingWithImages(int limit) {
        Listing listing = listing(limit);
        Assumptions.assumeTrue(listing.totalCount() > 0, "not applicable: the target account has no images");
        return listing;
    }
}
