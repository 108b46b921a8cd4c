package dev.ensemu.server.storage;

import dev.ensemu.server.domain.Account;
import java.util.List;

/** Everything that is stored: the accounts with their keys and images, and the exports in progress. */
public record StoredState(List<Account> accounts, List<PendingExport> pendingExports) {
    public StoredState {
        accounts = List.copyOf(accounts);
        pendingExports = List.copyOf(pendingExports);
    }

    public static StoredState of(List<Account> seed) {
        return new StoredState(seed, List.of());
    }
}
