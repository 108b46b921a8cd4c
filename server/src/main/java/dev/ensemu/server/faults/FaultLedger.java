package dev.ensemu.server.faults;

import java.util.List;
import java.util.function.Function;

/** Where the faults are kept: in this process, or in a database every instance shares. */
public interface FaultLedger {
    /** What a change leaves: the faults from now on, and what the caller gets back. */
    record Updated<T>(List<FaultInjector.Fault> faults, T result) {}

    /** Runs {@code change} on the current faults, excluding every other change, and keeps what it returns. */
    <T> T update(Function<List<FaultInjector.Fault>, Updated<T>> change);

    /** The faults now. */
    List<FaultInjector.Fault> list();

    /** False when certainly no fault is set, so calls skip {@link #update} (no shared lookup per call). */
    boolean mayHaveFaults();

    /** A number never handed out before by this ledger, for fault ids. */
    long nextNumber();

    /** The faults of this process only; every call asks {@link #mayHaveFaults}, so that takes no lock. */
    final class InMemory implements FaultLedger {
        private volatile List<FaultInjector.Fault> faults = List.of();
        private long numbers;

        @Override
        public synchronized <T> T update(Function<List<FaultInjector.Fault>, Updated<T>> change) {
            Updated<T> updated = change.apply(faults);
            faults = List.copyOf(updated.faults());
            return updated.result();
        }

        @Override
        public List<FaultInjector.Fault> list() {
            return faults;
        }

        @Override
        public boolean mayHaveFaults() {
            return !faults.isEmpty();
        }

        @Override
        public synchronized long nextNumber() {
            return ++numbers;
        }
    }
}
