package dev.ensemu.server.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The journal stays within its entry and byte bounds whatever the calls carry, and cuts long values visibly. */
class RequestJournalTest {
    private static JournalEntry call(int i, Map<String, String> parameters) {
        return new JournalEntry(Instant.EPOCH, "ID-" + i, "GET", Optional.of("DescribeExportImageInfo"), Optional.of("key"), "V1",
                parameters, 200, JournalEntry.SUCCESS, 1);
    }

    @Test
    void longNamesAndValuesAreCutAndMarked() {
        Map<String, String> huge = new LinkedHashMap<>();
        huge.put("ImageName", "x".repeat(1_000_000));
        huge.put("N".repeat(500), "v");

        JournalEntry entry = call(1, huge);

        assertThat(entry.parameters().get("ImageName")).hasSize(JournalEntry.MAX_TEXT + "...[cut 999872 characters]".length())
                .endsWith("...[cut 999872 characters]");
        assertThat(entry.parameters()).containsKey("N".repeat(JournalEntry.MAX_TEXT) + "...[cut 372 characters]");
        assertThat(entry.estimatedBytes()).isLessThan(2_000);
        Map<String, String> small = Map.of("PageSize", "10");
        assertThat(call(2, small).parameters()).isEqualTo(small);
    }

    @Test
    void bytesBoundDropsTheOldestFirst() {
        RequestJournal journal = new RequestJournal(1_000, 64 * 1024);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int p = 0; p < 20; p++) {
            parameters.put("P" + p, "v".repeat(120));
        }
        for (int i = 0; i < 500; i++) {
            journal.record(call(i, parameters));
        }

        assertThat(journal.bytes()).isLessThanOrEqualTo(64 * 1024);
        assertThat(journal.size()).isBetween(5, 499);
        assertThat(journal.recent(Optional.empty(), Optional.empty(), 1).get(0).requestId()).isEqualTo("ID-499");
    }

    @Test
    void entryBoundStillHolds() {
        RequestJournal journal = new RequestJournal(10, 16L << 20);
        for (int i = 0; i < 100; i++) {
            journal.record(call(i, Map.of()));
        }

        assertThat(journal.size()).isEqualTo(10);
        journal.clear();
        assertThat(journal.bytes()).isZero();
    }
}
