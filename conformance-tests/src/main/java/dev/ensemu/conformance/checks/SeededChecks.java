package dev.ensemu.conformance.checks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ensemu.conformance.checks.Check;
import dev.ensemu.conformance.client.Answer;
import dev.ensemu.conformance.client.Call;
import dev.ensemu.conformance.client.ControlPlane;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Checks with exact expectations, possible only where the target offers ensemu's control plane:
 * each test seeds one image per export status under a random run name, filters by it, and
 * removes them afterwards, so runs never collide with the target's own data.
 */
class SeededChecks extends CheckSupport {
    private static final String URL = "https://conformance.oss-cn-beijing.aliyuncs.com/seeded.qcow2";

    private ControlPlane control;
    private String account;
    private final String runName = "conformance-" + UUID.randomUUID();

    @BeforeEach
    void seed() {
        control = ControlPlane.of(ens.target()).orElse(null);
        Assumptions.assumeTrue(control != null, "not applicable: the target offers no ensemu control plane (or no --admin-token)");
        account = control.accountOfTarget();
        for (int i = 0; i < STATUSES.size(); i++) {
            Map<String, String> image = new LinkedHashMap<>();
            image.put("ImageId", imageId(i));
            image.put("ImageName", runName);
            image.put("CreationTime", "2030-01-0" + (i + 1) + "T00:00:00Z");
            image.put("Architecture", "x86_64");
            image.put("Platform", "centos");
            image.put("ImageOwnerAlias", i % 2 == 0 ? "self" : "system");
            image.put("ImageExportStatus", STATUSES.get(i));
            if (STATUSES.get(i).equals("Exported")) {
                image.put("ExportedImageURL", URL);
            }
            control.addImage(account, image);
        }
    }

    @AfterEach
    void unseed() {
        if (control != null) {
            for (int i = 0; i < STATUSES.size(); i++) {
                control.deleteImage(account, imageId(i));
            }
        }
    }

    private String imageId(int i) {
        return "m-" + runName.substring("conformance-".length(), "conformance-".length() + 8) + "-" + i;
    }

    private Answer seeded() {
        return ok(Call.get().query("ImageName", runName).query("PageSize", 50));
    }

    @Test
    @Check(id = "SEED-01", rules = {"R-ANS-14"}, description = "Seeded images are counted exactly")
    void exactTotalCount() {
        Answer answer = seeded();

        assertThat(answer.totalCount()).isEqualTo(STATUSES.size());
        // In any order: the order is a SHOULD (R-ANS-01, ORD-01).
        assertThat(answer.imageIds()).containsExactlyInAnyOrder(imageId(3), imageId(2), imageId(1), imageId(0));
    }

    @Test
    @Check(id = "SEED-02", rules = {"R-ANS-14"}, description = "Each of the four export statuses is reported as seeded")
    void everyStatusIsReported() {
        Set<String> statuses = seeded().images().stream().map(i -> i.path("ImageExportStatus").asText()).collect(Collectors.toSet());

        assertThat(statuses).containsExactlyInAnyOrderElementsOf(STATUSES);
    }

    @Test
    @Check(id = "SEED-03", rules = {"R-ANS-14", "R-ANS-05"}, description = "ExportedImageURL is the export's URL for Exported and \"\" for every other status")
    void urlRuleOnEveryStatus() {
        for (JsonNode image : seeded().images()) {
            String expected = image.path("ImageExportStatus").asText().equals("Exported") ? URL : "";
            assertThat(image.path("ExportedImageURL").asText()).as("%s", image).isEqualTo(expected);
        }
    }

    @Test
    @Check(id = "SEED-04", rules = {"R-ANS-14"}, description = "A deleted image disappears from the listing at once")
    void deletedImageDisappears() {
        control.deleteImage(account, imageId(0));

        Answer answer = seeded();
        assertThat(answer.totalCount()).isEqualTo(STATUSES.size() - 1);
        assertThat(answer.imageIds()).doesNotContain(imageId(0));
    }
}
