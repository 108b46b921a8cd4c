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
        EmulatorMetrics metrics = new EmulatorMetrics(java.util.Set.of("DescribeExportImageInfo", "ExportImage"), () -> 0);
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
                () -> 0);
        metrics.record(call("ExportImage", "IncorrectImageStatus"));
        metrics.record(call("DescribeExportImageStatus", "InvalidImageId.NotFound"));
        metrics.record(call("ExportImage", "InvalidParameter.OSSBucket"));

        assertThat(metrics.scrape()).contains("action=\"ExportImage\",code=\"IncorrectImageStatus\"",
                "action=\"DescribeExportImageStatus\",code=\"InvalidImageId.NotFound\"",
                "action=\"ExportImage\",code=\"InvalidParameter.OSSBucket\"");
    }
}
