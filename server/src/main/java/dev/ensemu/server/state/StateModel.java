package dev.ensemu.server.state;

import static dev.ensemu.server.state.StateException.Kind.CONFLICT;
import static dev.ensemu.server.state.StateException.Kind.INVALID_FIELD;
import static dev.ensemu.server.state.StateException.Kind.NOT_FOUND;

import dev.ensemu.server.domain.AccessKey;
import dev.ensemu.server.domain.Account;
import dev.ensemu.server.domain.AccountDirectory;
import dev.ensemu.server.domain.EnsError;
import dev.ensemu.server.domain.EnsException;
import dev.ensemu.server.domain.ExportRequest;
import dev.ensemu.server.domain.ExportStatus;
import dev.ensemu.server.domain.Image;
import dev.ensemu.server.domain.ImageCatalog;
import dev.ensemu.server.domain.ImageQuery;
import dev.ensemu.server.domain.Page;
import dev.ensemu.server.domain.SecurityToken;
import dev.ensemu.server.storage.PendingExport;
import dev.ensemu.server.storage.StateChange;
import dev.ensemu.server.storage.Storage;
import dev.ensemu.server.storage.StoredState;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The emulator's state in memory — the accounts, the images of each, the exports in progress —
 * and the one way it changes: every write is a list of {@link StateChange}s that the
 * {@link Storage} makes durable (and, when shared, brings to the other instances) before
 * {@link #apply} applies them here. Callers hold this object's lock across a decision and its
 * write; reads of the catalog need none.
 */
final class StateModel {
    final List<Account> seed;
    final Map<String, Account> accounts = new LinkedHashMap<>();
    final ImageCatalog catalog = new ImageCatalog(Map.of());
    final PendingExports pending = new PendingExports();
    final Clock clock;
    final Storage storage;
    private final String exportUrlPattern;
    private volatile Instant nextDue = Instant.MAX;
    private volatile AccountDirectory directory;

    StateModel(List<Account> seed, Clock clock, Storage storage, String exportUrlPattern) {
        this.seed = List.copyOf(seed);
        this.clock = clock;
        this.storage = storage;
        this.exportUrlPattern = exportUrlPattern;
    }

    AccountDirectory directory() {
        return directory;
    }

    /** When the next export in progress is due (MAX when none is). */
    Instant nextDue() {
        return nextDue;
    }

    void write(Supplier<List<StateChange>> decide) {
        storage.write(decide, this::apply);
    }

    /** The one place the in-memory state changes: for this instance's writes and for others' alike. */
    void apply(StateChange change) {
        change.accept(applier);
        nextDue = pending.nextDue();
    }

    /** What each kind of change does to the in-memory state. */
    private final StateChange.Visitor<RuntimeException> applier = new StateChange.Visitor<>() {
        @Override
        public void imagePut(StateChange.ImagePut change) {
            catalog.put(change.accountId(), change.image());
        }

        @Override
        public void imageRemoved(StateChange.ImageRemoved change) {
            catalog.remove(change.accountId(), change.imageId());
        }

        @Override
        public void imagesReplaced(StateChange.ImagesReplaced change) {
            catalog.replace(change.accountId(), change.images());
        }

        @Override
        public void exportScheduled(StateChange.ExportScheduled change) {
            pending.put(change.export());
        }

        @Override
        public void exportUnscheduled(StateChange.ExportUnscheduled change) {
            pending.remove(change.accountId(), change.imageId());
        }

        @Override
        public void accountPut(StateChange.AccountPut change) {
            accounts.put(change.account().id(), change.account());
            directory = new AccountDirectory(List.copyOf(accounts.values()));
        }

        @Override
        public void replaced(StateChange.Replaced change) {
            load(change.state());
        }
    };

    void load(StoredState state) {
        accounts.clear();
        pending.clear();
        catalog.clear();
        for (Account account : state.accounts()) {
            accounts.put(account.id(), new Account(account.id(), account.accessKeys(), account.allowedActions(), List.of()));
            catalog.replace(account.id(), account.images());
        }
        state.pendingExports().forEach(pending::put);
        directory = new AccountDirectory(List.copyOf(accounts.values()));
        nextDue = pending.nextDue();
    }

    StoredState stored() {
        List<Account> now = new ArrayList<>();
        accounts.values().forEach(a -> now.add(new Account(a.id(), a.accessKeys(), a.allowedActions(), catalog.images(a.id()))));
        return new StoredState(now, pending.all());
    }

    /** The caller's own image for an ENS operation; any other (another account's too) is not found, so nothing leaks. */
    Image owned(String accountId, String imageId) {
        return catalog.find(accountId, imageId).orElseThrow(() -> new EnsException(EnsError.IMAGE_NOT_FOUND));
    }

    /** An image for the control plane, which names what is missing. */
    Image find(String accountId, String imageId) {
        requireAccount(accountId);
        return catalog.find(accountId, imageId)
                .orElseThrow(() -> new StateException(NOT_FOUND, "no image " + imageId + " in account " + accountId));
    }

    Account account(String accountId) {
        requireAccount(accountId);
        return accounts.get(accountId);
    }

    void requireAccount(String accountId) {
        if (!accounts.containsKey(accountId)) {
            throw new StateException(NOT_FOUND, "no account " + accountId);
        }
    }

    static Image withStatus(Image image, ExportStatus status, URI url) {
        return new Image(image.imageId(), image.imageName(), image.creationTime(), image.architecture(), image.platform(),
                image.ownerAlias(), status, status == ExportStatus.EXPORTED ? Optional.of(url) : Optional.empty());
    }

    /** The URL of a finished export that ExportImage did not promise one for (the control plane's). */
    URI exportUrl(String accountId, Image image) {
        return URI.create(exportUrlPattern.replace("{accountId}", accountId).replace("{imageId}", image.imageId())
                .replace("{imageName}", URLEncoder.encode(image.imageName(), StandardCharsets.UTF_8)));
    }

    static StateChange withKeys(Account account, List<AccessKey> keys) {
        return new StateChange.AccountPut(new Account(account.id(), keys, account.allowedActions(), List.of()));
    }
}
