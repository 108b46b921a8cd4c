package dev.ensemu.conformance.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ensemu.conformance.checks.Check;
import dev.ensemu.conformance.client.Answer;
import dev.ensemu.conformance.client.Call;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** ImageId and ImageName are exact filters that combine. */
class FilterChecks extends CheckSupport {
    /** How many listed values the exact-match checks probe (each with five near misses). */
    private static final int PROBED_VALUES = 4;

    @Test
    @Check(id = "FIL-01", rules = {"R-PAR-10"}, description = "An ImageId taken from the listing returns exactly that image (TotalCount 1)")
    void imageIdReturnsThatImage() {
        JsonNode image = listingWithImages(WALKED_IMAGES).images().get(0);

        Answer answer = ok(Call.get().query("ImageId", image.path("ImageId").asText()));

        assertThat(answer.totalCount()).isEqualTo(1);
        assertThat(answer.images()).containsExactly(image);
    }

    @Test
    @Check(id = "FIL-02", rules = {"R-PAR-10"}, description = "An unknown ImageId returns no image (TotalCount 0)")
    void unknownImageIdReturnsNothing() {
        Answer answer = ok(Call.get().query("ImageId", "m-conformance-" + UUID.randomUUID()));

        assertThat(answer.totalCount()).isZero();
        assertThat(answer.images()).isEmpty();
    }

    @Test
    @Check(id = "FIL-03", rules = {"R-PAR-10"}, description = "ImageName returns only images of that name, including the one it was taken from")
    void imageNameReturnsOnlyThatName() {
        JsonNode image = listingWithImages(WALKED_IMAGES).images().get(0);
        String name = image.path("ImageName").asText();

        Answer answer = ok(Call.get().query("ImageName", name).query("PageSize", 50));

        assertThat(answer.images()).isNotEmpty().allSatisfy(i -> assertThat(i.path("ImageName").asText()).isEqualTo(name));
        assertThat(answer.imageIds()).contains(image.path("ImageId").asText());
        assertThat(answer.totalCount()).isGreaterThanOrEqualTo(answer.images().size());
    }

    @Test
    @Check(id = "FIL-04", rules = {"R-PAR-10"}, description = "ImageId and ImageName combine: both must match")
    void filtersCombine() {
        JsonNode image = listingWithImages(WALKED_IMAGES).images().get(0);
        String id = image.path("ImageId").asText();

        Answer matching = ok(Call.get().query("ImageId", id).query("ImageName", image.path("ImageName").asText()));
        Answer mismatching = ok(Call.get().query("ImageId", id).query("ImageName", "other-" + UUID.randomUUID()));

        assertThat(matching.imageIds()).containsExactly(id);
        assertThat(mismatching.totalCount()).isZero();
        assertThat(mismatching.images()).isEmpty();
    }

    @Test
    @Check(id = "FIL-05", rules = {"R-PAR-10"}, description = "ImageId matches exactly: a prefix, an extension, another case, surrounding spaces or a substring "
            + "of a listed ImageId selects only images whose ImageId is equal")
    void imageIdMatchesExactly() {
        probeExactly("ImageId");
    }

    @Test
    @Check(id = "FIL-06", rules = {"R-PAR-10"}, description = "ImageName matches exactly: a prefix, an extension, another case, surrounding spaces or a substring "
            + "of a listed ImageName selects only images whose ImageName is equal")
    void imageNameMatchesExactly() {
        probeExactly("ImageName");
    }

    /**
     * Near misses of listed values, each compared with what exact matching over the full listing
     * (every page) selects: usually nothing, sometimes another image whose value is just that.
     */
    private void probeExactly(String field) {
        Listing all = listingWithImages(Integer.MAX_VALUE);
        Map<String, List<String>> idsByValue = new HashMap<>();
        for (JsonNode image : all.images()) {
            idsByValue.computeIfAbsent(image.path(field).asText(), v -> new ArrayList<>()).add(image.path("ImageId").asText());
        }
        List<String> values = idsByValue.keySet().stream().sorted().limit(PROBED_VALUES).toList();
        for (String value : values) {
            for (String probe : nearMisses(value)) {
                Answer answer = ok(Call.get().query(field, probe).query("PageSize", 50));
                List<String> expected = idsByValue.getOrDefault(probe, List.of());
                assertThat(answer.totalCount()).as("TotalCount for %s=\"%s\" (a near miss of \"%s\")", field, probe, value)
                        .isEqualTo(expected.size());
                assertThat(answer.imageIds()).as("images for %s=\"%s\" (a near miss of \"%s\")", field, probe, value)
                        .containsExactlyInAnyOrderElementsOf(expected.subList(0, Math.min(50, expected.size())));
            }
        }
    }

    /** A proper prefix, an extension, a change of case, surrounding spaces, a substring: each differs from the value. */
    static List<String> nearMisses(String value) {
        Set<String> probes = new LinkedHashSet<>();
        if (value.length() > 1) {
            probes.add(value.substring(0, value.length() - 1));
            probes.add(value.substring(1, value.length() - 1).isEmpty() ? value.substring(1) : value.substring(1, value.length() - 1));
        }
        probes.add(value + "x");
        String swapped = value.chars().map(c -> Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        probes.add(swapped);
        probes.add(" " + value + " ");
        probes.remove(value);
        probes.removeIf(String::isBlank);
        return List.copyOf(probes);
    }
}
