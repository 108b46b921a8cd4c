package dev.ensemu.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ensemu.server.journal.JournalEntry;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Labels come from closed sets: invented Actions and Codes all count as "other". */
class EmulatorMetricsTest {
    private static JournalEntry call(String action, String code) {
        return new JournalEntry(Instant.EPOCH, "ID", "GET", Optional.of(action), Optional.empty(), "unverified", Map.of(), 400, code, 1);
    }

    @Test
    void randomActionsAndCodesAddNoSeries() {
        EmulatorMetrics metrics = new EmulatorMetrics(java.util.Set.of("DescribeExportImageInfo", "ExportImage"),
                java.util.Set.of("PageSize"), () -> 0);
        metrics.record(call("DescribeExportImageInfo", "InvalidParameter.PageSize"));
        int before = metrics.scrape().length();

        for (int i = 0; i < 5_000; i++) {
            metrics.record(call("Action" + i, "InvalidParameter.Field" + i));
        }

        String page = metrics.scrape();
        assertThat(page).contains("action=\"other\"", "code=\"other\"", "code=\"InvalidParameter.PageSize\"")
                .doesNotContain("Action1", "Field1");
        assertThat(page.length()).isLessThan(before * 3);
    }

    @Test
    void eachServedOperationHasItsOwnSeries() {
        EmulatorMetrics metrics = new EmulatorMetrics(java.util.Set.of("DescribeExportImageInfo", "ExportImage", "DescribeExportImageStatus"),
                java.util.Set.of("ImageId", "OSSBucket"), () -> 0);
        metrics.record(call("ExportImage", "IncorrectImageStatus"));
        metrics.record(call("DescribeExportImageStatus", "InvalidImageId.NotFound"));
        metrics.record(call("ExportImage", "InvalidParameter.OSSBucket"));

        assertThat(metrics.scrape()).contains("action=\"ExportImage\",code=\"IncorrectImageStatus\"",
                "action=\"DescribeExportImageStatus\",code=\"InvalidImageId.NotFound\"",
                "action=\"ExportImage\",code=\"InvalidParameter.OSSBucket\"");
    }

    @Test
    void parameterCodesAreLabelledOnlyForDocumentedParameters() {
        EmulatorMetrics metrics = new EmulatorMetrics(java.util.Set.of("ExportImage"), java.util.Set.of("OSSBucket"), () -> 0);
        metrics.record(call("ExportImage", "InvalidParameter.OSSBucket"));
        metrics.record(call("ExportImage", "InvalidParameter.OSSPrefix"));
        metrics.record(call("ExportImage", "InvalidParameter.Format"));

        assertThat(metrics.scrape()).contains("code=\"InvalidParameter.OSSBucket\"", "code=\"InvalidParameter.Format\"",
                "code=\"other\"").doesNotContain("InvalidParameter.OSSPrefix");
    }
}
