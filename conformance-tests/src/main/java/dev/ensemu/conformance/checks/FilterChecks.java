package dev.ensemu.conformance.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ensemu.conformance.checks.Check;
import dev.ensemu.conformance.client.Answer;
import dev.ensemu.conformance.client.Call;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** ImageId and ImageName are exact filters that combine. */
class FilterChecks extends CheckSupport {
    @Test
    @Check(id = "FIL-01", description = "An ImageId taken from the listing returns exactly that image (TotalCount 1)")
    void imageIdReturnsThatImage() {
        JsonNode image = listingWithImages(WALKED_IMAGES).images().get(0);

        Answer answer = ok(Call.get().query("ImageId", image.path("ImageId").asText()));

        assertThat(answer.totalCount()).isEqualTo(1);
        assertThat(answer.images()).containsExactly(image);
    }

    @Test
    @Check(id = "FIL-02", description = "An unknown ImageId returns no image (TotalCount 0)")
    void unknownImageIdReturnsNothing() {
        Answer answer = ok(Call.get().query("ImageId", "m-conformance-" + UUID.randomUUID()));

        assertThat(answer.totalCount()).isZero();
        assertThat(answer.images()).isEmpty();
    }

    @Test
    @Check(id = "FIL-03", description = "ImageName returns only images of that name, including the one it was taken from")
    void imageNameReturnsOnlyThatName() {
        JsonNode image = listingWithImages(WALKED_IMAGES).images().get(0);
        String name = image.path("ImageName").asText();

        Answer answer = ok(Call.get().query("ImageName", name).query("PageSize", 50));

        assertThat(answer.images()).isNotEmpty().allSatisfy(i -> assertThat(i.path("ImageName").asText()).isEqualTo(name));
        assertThat(answer.imageIds()).contains(image.path("ImageId").asText());
        assertThat(answer.totalCount()).isGreaterThanOrEqualTo(answer.images().size());
    }

    @Test
    @Check(id = "FIL-04", description = "ImageId and ImageName combine: both must match")
    void filtersCombine() {
        JsonNode image = listingWithImages(WALKED_IMAGES).images().get(0);
        String id = image.path("ImageId").asText();

        Answer matching = ok(Call.get().query("ImageId", id).query("ImageName", image.path("ImageName").asText()));
        Answer mismatching = ok(Call.get().query("ImageId", id).query("ImageName", "other-" + UUID.randomUUID()));

        assertThat(matching.imageIds()).containsExactly(id);
        assertThat(mismatching.totalCount()).isZero();
        assertThat(mismatching.images()).isEmpty();
    }
}
