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
 * The emulator's state, served from memory: the accounts, the images of each, and the exports in
 * progress. Every write is a list of {@link StateChange}s that the {@link Storage} makes durable
 * (and, when shared, brings to the other instances) before they are applied here. Timed exports
 * complete lazily: whoever looks after the due time sees them done, so tests move an injected
 * clock instead of sleeping.
 */
public final class EmulatorState {
    private final List<Account> seed;
    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final ImageCatalog catalog = new ImageCatalog(Map.of());
    private final Clock clock;
    private final Storage storage;
    private final String exportUrlPattern;
    private final PendingExports pending = new PendingExports();
    private final java.util.concurrent.atomic.AtomicBoolean settling = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile Instant nextDue = Instant.MAX;
    private volatile AccountDirectory directory;

    private EmulatorState(List<Account> seed, Clock clock, Storage storage, String exportUrlPattern) {
        this.seed = List.copyOf(seed);
        this.clock = clock;
        this.storage = storage;
        this.exportUrlPattern = exportUrlPattern;
    }

    /**
     * The state the storage holds, or the seed when it holds none.
     *
     * @param exportUrlPattern the URL of a finished export; {@code {accountId}}, {@code {imageId}}
     *                         and {@code {imageName}} are replaced
     */
    public static EmulatorState open(List<Account> seed, Storage storage, Clock clock, String exportUrlPattern) {
        EmulatorState state = new EmulatorState(seed, clock, storage, exportUrlPattern);
        synchronized (state) {
            state.load(storage.open(seed, state::stored));
            storage.catchUp(System.nanoTime(), state, state::apply);
        }
        return state;
    }

    /** Brings in what other instances wrote (for control-plane reads). */
    public void refresh() {
        refresh(System.nanoTime());
    }

    /**
     * Brings in every write acknowledged (by any instance) before {@code notBeforeNanos}; how
     * cheaply it knows there is none is the storage's business.
     *
     * @return whether anything changed
     */
    public boolean refresh(long notBeforeNanos) {
        return storage.catchUp(notBeforeNanos, this, this::apply);
    }

    /** The accounts as they are now (keys, actions, current images). */
    public synchronized List<Account> accounts() {
        refresh();
        settleDueExports();
        return stored().accounts();
    }

    /** Who owns which AccessKey; replaced as a whole when keys change. */
    public AccountDirectory directory() {
        return directory;
    }

    public Page<Image> describeExportImageInfo(String accountId, ImageQuery query) {
        settleDueExports();
        return catalog.describeExportImageInfo(accountId, query);
    }

    /**
     * ExportImage: the image goes {@code Exporting} at once and ends as {@code outcome} after
     * {@code duration}, then showing the URL returned here. One export per image at a time.
     */
    public synchronized URI exportImage(String accountId, ExportRequest request, Duration duration, ExportStatus outcome) {
        URI url = request.exportedImageUrl();
        write(() -> {
            Image image = owned(accountId, request.imageId());
            if (image.exportStatus() == ExportStatus.EXPORTING) {
                throw new EnsException(EnsError.INCORRECT_IMAGE_STATUS);
            }
            return List.of(new StateChange.ImagePut(accountId, withStatus(image, ExportStatus.EXPORTING, url)),
                    new StateChange.ExportScheduled(new PendingExport(accountId, image.imageId(), clock.instant().plus(duration),
                            outcome, Optional.of(url))));
        });
        return url;
    }

    /**
     * The status once every due export has ended, waiting for an ending in flight: what a decision
     * (may this image be exported?) needs, where a read may show an ending a moment late.
     */
    public ExportStatus settledExportStatus(String accountId, String imageId) {
        settleNow();
        return owned(accountId, imageId).exportStatus();
    }

    /** DescribeExportImageStatus: the status DescribeExportImageInfo would show now. */
    public ExportStatus exportStatus(String accountId, String imageId) {
        settleDueExports();
        return owned(accountId, imageId).exportStatus();
    }

    /** The caller's own image; any other (another account's too) is not found, so nothing leaks. */
    private Image owned(String accountId, String imageId) {
        return catalog.find(accountId, imageId).orElseThrow(() -> new EnsException(EnsError.IMAGE_NOT_FOUND));
    }

    public int imageCount() {
        return catalog.size();
    }

    public synchronized List<Image> images(String accountId) {
        refresh();
        settleDueExports();
        requireAccount(accountId);
        return catalog.images(accountId);
    }

    public synchronized Image image(String accountId, String imageId) {
        refresh();
        settleDueExports();
        return find(accountId, imageId);
    }

    public synchronized Image add(String accountId, Image image) {
        write(() -> {
            requireAccount(accountId);
            if (catalog.find(accountId, image.imageId()).isPresent()) {
                throw new StateException(CONFLICT, "account " + accountId + " already has an image " + image.imageId());
            }
            return List.of(new StateChange.ImagePut(accountId, image));
        });
        return image;
    }

    public synchronized void replace(String accountId, List<Image> images) {
        write(() -> {
            requireAccount(accountId);
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < images.size(); i++) {
                if (!ids.add(images.get(i).imageId())) {
                    throw new StateException(INVALID_FIELD, "[" + i + "].ImageId: repeats ImageId " + images.get(i).imageId());
                }
            }
            List<StateChange> changes = new ArrayList<>();
            changes.add(new StateChange.ImagesReplaced(accountId, images));
            pending.all().stream().filter(p -> p.accountId().equals(accountId))
                    .forEach(p -> changes.add(new StateChange.ExportUnscheduled(accountId, p.imageId())));
            return changes;
        });
    }

    public synchronized void delete(String accountId, String imageId) {
        write(() -> {
            find(accountId, imageId);
            List<StateChange> changes = new ArrayList<>();
            changes.add(new StateChange.ImageRemoved(accountId, imageId));
            if (pending.get(accountId, imageId).isPresent()) {
                changes.add(new StateChange.ExportUnscheduled(accountId, imageId));
            }
            return changes;
        });
    }

    /**
     * Moves an image along Unexported -> Exporting -> Exported | ExportError (re-export allowed
     * from Exported and ExportError).
     *
     * @param completeAfter with {@code EXPORTING}: finish by itself after this long, as {@code outcome}
     * @param url           with {@code EXPORTED}: the URL instead of the pattern's
     */
    public synchronized Image changeExportStatus(String accountId, String imageId, ExportStatus target,
            Optional<Duration> completeAfter, ExportStatus outcome, Optional<URI> url) {
        List<Image> changed = new ArrayList<>(1);
        write(() -> {
            Image image = find(accountId, imageId);
            if (!image.exportStatus().canMoveTo(target)) {
                throw new StateException(CONFLICT, "image " + imageId + " cannot go from " + image.exportStatus().ensName()
                        + " to " + target.ensName());
            }
            if (outcome != ExportStatus.EXPORTED && outcome != ExportStatus.EXPORT_ERROR) {
                throw new StateException(INVALID_FIELD, "outcome: must be Exported or ExportError");
            }
            // Ending an export ExportImage started keeps the URL it promised.
            Image next = withStatus(image, target, url.or(() -> pending.get(accountId, imageId).flatMap(PendingExport::url)).orElseGet(() -> exportUrl(accountId, image)));
            changed.add(next);
            List<StateChange> changes = new ArrayList<>();
            changes.add(new StateChange.ImagePut(accountId, next));
            changes.add(completeAfter.<StateChange>map(after -> new StateChange.ExportScheduled(
                            new PendingExport(accountId, imageId, clock.instant().plus(after), outcome, Optional.empty())))
                    .orElse(new StateChange.ExportUnscheduled(accountId, imageId)));
            return changes;
        });
        return changed.get(0);
    }

    /** Enables or disables a key of the account (long-term or temporary). */
    public synchronized AccessKey changeKeyStatus(String accountId, String accessKeyId, boolean active) {
        List<AccessKey> changed = new ArrayList<>(1);
        write(() -> {
            Account account = account(accountId);
            AccessKey key = account.accessKeys().stream().filter(k -> k.id().equals(accessKeyId)).findFirst()
                    .orElseThrow(() -> new StateException(NOT_FOUND, "no AccessKey " + accessKeyId + " in account " + accountId));
            changed.add(key.withActive(active));
            List<AccessKey> keys = new ArrayList<>(account.accessKeys());
            keys.replaceAll(k -> k.id().equals(accessKeyId) ? changed.get(0) : k);
            return List.of(withKeys(account, keys));
        });
        return changed.get(0);
    }

    /**
     * New temporary credentials for the account, valid for {@code lifetime}. Temporary keys that
     * expired more than a day ago are dropped then, so minting in a loop does not grow the state.
     */
    public synchronized AccessKey mintTemporaryKey(String accountId, Duration lifetime) {
        Instant now = clock.instant();
        AccessKey minted = new AccessKey("STS." + Secrets.alphanumeric(25), Secrets.alphanumeric(44), true,
                Optional.of(new SecurityToken("CAIS" + Secrets.base64Url(96), now.plus(lifetime))));
        write(() -> {
            Account account = account(accountId);
            List<AccessKey> keys = new ArrayList<>(account.accessKeys());
            keys.removeIf(k -> k.securityToken().map(t -> t.expiration().plus(Duration.ofDays(1)).isBefore(now)).orElse(false));
            keys.add(minted);
            return List.of(withKeys(account, keys));
        });
        return minted;
    }

    /** Back to the seed: images, keys, no exports in progress. */
    public synchronized void reset() {
        write(() -> List.of(new StateChange.Replaced(StoredState.of(seed))));
    }

    private void write(Supplier<List<StateChange>> decide) {
        storage.write(decide, this::apply);
    }

    /** The one place the in-memory state changes: for this instance's writes and for others' alike. */
    private void apply(StateChange change) {
        change.accept(applier);
        recomputeNextDue();
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
            PendingExport export = change.export();
            pending.put(export);
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

    private void load(StoredState state) {
        accounts.clear();
        pending.clear();
        catalog.clear();
        for (Account account : state.accounts()) {
            accounts.put(account.id(), new Account(account.id(), account.accessKeys(), account.allowedActions(), List.of()));
            catalog.replace(account.id(), account.images());
        }
        state.pendingExports().forEach(pending::put);
        directory = new AccountDirectory(List.copyOf(accounts.values()));
        recomputeNextDue();
    }

    private StoredState stored() {
        List<Account> now = new ArrayList<>();
        accounts.values().forEach(a -> now.add(new Account(a.id(), a.accessKeys(), a.allowedActions(), catalog.images(a.id()))));
        return new StoredState(now, pending.all());
    }

    /**
     * Ends the exports that are due. One caller at a time does it: the others read on without
     * waiting for its write (in shared mode a database round trip), so under a stream of exports
     * reads do not queue behind endings; an ending in flight shows a moment later.
     */
    private void settleDueExports() {
        if (clock.instant().isBefore(nextDue) || !settling.compareAndSet(false, true)) {
            return;
        }
        try {
            settleNow();
        } finally {
            settling.set(false);
        }
    }

    private synchronized void settleNow() {
        if (clock.instant().isBefore(nextDue)) {
            return; // settled by a write this one waited for
        }
        write(() -> {
            Instant now = clock.instant();
            List<StateChange> changes = new ArrayList<>();
            for (PendingExport export : pending.dueAt(now)) {
                changes.add(new StateChange.ExportUnscheduled(export.accountId(), export.imageId()));
                catalog.find(export.accountId(), export.imageId()).ifPresent(image -> changes.add(new StateChange.ImagePut(
                        export.accountId(), withStatus(image, export.outcome(), export.url().orElseGet(() -> exportUrl(export.accountId(), image))))));
            }
            return changes;
        });
    }

    private static StateChange withKeys(Account account, List<AccessKey> keys) {
        return new StateChange.AccountPut(new Account(account.id(), keys, account.allowedActions(), List.of()));
    }

    private Image find(String accountId, String imageId) {
        requireAccount(accountId);
        return catalog.find(accountId, imageId)
                .orElseThrow(() -> new StateException(NOT_FOUND, "no image " + imageId + " in account " + accountId));
    }

    private static Image withStatus(Image image, ExportStatus status, URI url) {
        return new Image(image.imageId(), image.imageName(), image.creationTime(), image.architecture(), image.platform(),
                image.ownerAlias(), status, status == ExportStatus.EXPORTED ? Optional.of(url) : Optional.empty());
    }

    private URI exportUrl(String accountId, Image image) {
        return URI.create(exportUrlPattern.replace("{accountId}", accountId).replace("{imageId}", image.imageId())
                .replace("{imageName}", URLEncoder.encode(image.imageName(), StandardCharsets.UTF_8)));
    }

    private Account account(String accountId) {
        requireAccount(accountId);
        return accounts.get(accountId);
    }

    private void requireAccount(String accountId) {
        if (!accounts.containsKey(accountId)) {
            throw new StateException(NOT_FOUND, "no account " + accountId);
        }
    }

    private void recomputeNextDue() {
        nextDue = pending.nextDue();
    }
}
