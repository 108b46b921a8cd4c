package dev.ensemu.server.state;

import dev.ensemu.server.storage.PendingExport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The exports in progress, by image and by due time: under a steady stream of ExportImage calls
 * thousands are pending, and every call asks which are due, so the next due time and the due ones
 * come from the ordered set's head instead of a scan. Guarded by the state's lock.
 */
final class PendingExports {
    private static final Comparator<PendingExport> BY_DUE = Comparator.comparing(PendingExport::completesAt)
            .thenComparing(PendingExport::accountId).thenComparing(PendingExport::imageId);

    private final Map<String, PendingExport> byImage = new HashMap<>();
    private final NavigableSet<PendingExport> byDue = new TreeSet<>(BY_DUE);

    void put(PendingExport export) {
        PendingExport old = byImage.put(key(export.accountId(), export.imageId()), export);
        if (old != null) {
            byDue.remove(old);
        }
        byDue.add(export);
    }

    void remove(String accountId, String imageId) {
        PendingExport old = byImage.remove(key(accountId, imageId));
        if (old != null) {
            byDue.remove(old);
        }
    }

    Optional<PendingExport> get(String accountId, String imageId) {
        return Optional.ofNullable(byImage.get(key(accountId, imageId)));
    }

    void clear() {
        byImage.clear();
        byDue.clear();
    }

    /** Every export in progress, soonest first. */
    List<PendingExport> all() {
        return List.copyOf(byDue);
    }

    /** The exports due at {@code now}, soonest first. */
    List<PendingExport> dueAt(Instant now) {
        List<PendingExport> due = new ArrayList<>();
        for (PendingExport export : byDue) {
            if (export.completesAt().isAfter(now)) {
                break;
            }
            due.add(export);
        }
        return due;
    }

    /** When the soonest export ends; {@link Instant#MAX} when none is in progress. */
    Instant nextDue() {
        return byDue.isEmpty() ? Instant.MAX : byDue.first().completesAt();
    }

    private static String key(String accountId, String imageId) {
        return accountId + '\n' + imageId;
    }
}
