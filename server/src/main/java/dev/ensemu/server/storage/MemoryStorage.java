package dev.ensemu.server.storage;

import dev.ensemu.server.domain.Account;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The default: the state lives in this process only and starts from the seed every time. */
final class MemoryStorage implements Storage {
    @Override
    public StoredState open(List<Account> seed, Supplier<StoredState> current) {
        return StoredState.of(seed);
    }

    @Override
    public void write(Supplier<List<StateChange>> decide, Consumer<StateChange> apply) {
        decide.get().forEach(apply);
    }

    @Override
    public boolean catchUp(long notBeforeNanos, Object lock, Consumer<StateChange> apply) {
        return false; // nobody else writes
    }

    @Override
    public String kind() {
        return "memory";
    }

    @Override
    public Optional<String> problem() {
        return Optional.empty();
    }

    @Override
    public void close() {
        // nothing held
    }
}
