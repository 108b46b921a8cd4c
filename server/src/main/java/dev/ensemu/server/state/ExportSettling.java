package dev.ensemu.server.state;

import dev.ensemu.server.storage.PendingExport;
import dev.ensemu.server.storage.StateChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Timed exports end lazily: whoever looks after the due time sees them ended, so tests move an
 * injected clock instead of sleeping. The ending is a write like any other.
 */
final class ExportSettling {
    private final StateModel model;
    private final AtomicBoolean settling = new AtomicBoolean();

    ExportSettling(StateModel model) {
        this.model = model;
    }

    /**
     * Ends the exports that are due. One caller at a time does it: the others read on without
     * waiting for its write (in shared mode a database round trip), so under a stream of exports
     * reads do not queue behind endings; an ending in flight shows a moment later.
     */
    void settleDue() {
        if (model.clock.instant().isBefore(model.nextDue()) || !settling.compareAndSet(false, true)) {
            return;
        }
        try {
            settleNow();
        } finally {
            settling.set(false);
        }
    }

    /** Ends every due export, waiting for an ending in flight: what a decision needs. */
    void settleNow() {
        synchronized (model) {
            if (model.clock.instant().isBefore(model.nextDue())) {
                return; // settled by a write this one waited for
            }
            model.write(() -> {
                Instant now = model.clock.instant();
                List<StateChange> changes = new ArrayList<>();
                for (PendingExport export : model.pending.dueAt(now)) {
                    changes.add(new StateChange.ExportUnscheduled(export.accountId(), export.imageId()));
                    model.catalog.find(export.accountId(), export.imageId()).ifPresent(image -> changes.add(new StateChange.ImagePut(
                            export.accountId(), StateModel.withStatus(image, export.outcome(),
                                    export.url().orElseGet(() -> model.exportUrl(export.accountId(), image))))));
                }
                return changes;
            });
        }
    }
}
