package dev.ensemu.server.state;

import static dev.ensemu.server.state.StateException.Kind.CONFLICT;
import static dev.ensemu.server.state.StateException.Kind.INVALID_FIELD;
import static dev.ensemu.server.state.StateException.Kind.NOT_FOUND;

import dev.ensemu.server.domain.AccessKey;
import dev.ensemu.server.domain.Account;
import dev.ensemu.server.domain.AccountDirectory;
import dev.ensemu.server.domain.ExportStatus;
import dev.ensemu.server.domain.Image;
import dev.ensemu.server.domain.ImageCatalog;
import dev.ensemu.server.domain.ImageQuery;
import dev.ensemu.server.domain.Page;
import dev.ensemu.server.domain.SecurityToken;
import java.net.URI;
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

/**
 * The emulator's mutable state: the images of each account and the exports in progress. Reads
 * take one immutable snapshot of an account; writes are serialized, and with a data directory
 * each write is saved before it is acknowledged. Timed exports complete lazily: whoever looks
 * after the due time sees them done, so tests move an injected clock instead of sleeping.
 */
public final class EmulatorState {
    private final List<Account> seed;
    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final ImageCatalog catalog;
    private final Clock clock;
    private final Optional<StateFile> store;
    private final String exportUrlPattern;
    private final Map<String, PendingExport> pending = new LinkedHashMap<>();
    private volatile Instant nextDue = Instant.MAX;
    private volatile AccountDirectory directory;

    private EmulatorState(List<Account> seed, StateFile.Snapshot start, Clock clock, Optional<StateFile> store,
            String exportUrlPattern) {
        this.seed = List.copyOf(seed);
        this.clock = clock;
        this.store = store;
        this.exportUrlPattern = exportUrlPattern;
        Map<String, List<Image>> images = new LinkedHashMap<>();
        start.accounts().forEach(a -> {
            accounts.put(a.id(), a);
            images.put(a.id(), a.images());
        });
        this.catalog = new ImageCatalog(images);
        this.directory = new AccountDirectory(start.accounts());
        start.pendingExports().forEach(p -> pending.put(key(p.accountId(), p.imageId()), p));
        recomputeNextDue();
    }

    /**
     * The state saved in {@code store} if there is one, else the seed (then saved at once).
     *
     * @param exportUrlPattern the URL of a finished export; {@code {accountId}}, {@code {imageId}}
     *                         and {@code {imageName}} are replaced
     */
    public static EmulatorState open(List<Account> seed, Optional<StateFile> store, Clock clock, String exportUrlPattern) {
        StateFile.Snapshot start = store.flatMap(StateFile::load).orElse(new StateFile.Snapshot(seed, List.of()));
        EmulatorState state = new EmulatorState(seed, start, clock, store, exportUrlPattern);
        synchronized (state) {
            state.save();
        }
        return state;
    }

    /** The accounts as they are now (keys, actions, current images). */
    public synchronized List<Account> accounts() {
        settleDueExports();
        return currentAccounts();
    }

    /** Who owns which AccessKey; replaced as a whole when a reset changes the accounts. */
    public AccountDirectory directory() {
        return directory;
    }

    public Page<Image> describeExportImageInfo(String accountId, ImageQuery query) {
        settleDueExports();
        return catalog.describeExportImageInfo(accountId, query);
    }

    public int imageCount() {
        return catalog.size();
    }

    public synchronized List<Image> images(String accountId) {
        settleDueExports();
        requireAccount(accountId);
        return catalog.images(accountId);
    }

    public Image image(String accountId, String imageId) {
        return images(accountId).stream().filter(i -> i.imageId().equals(imageId)).findFirst()
                .orElseThrow(() -> new StateException(NOT_FOUND, "no image " + imageId + " in account " + accountId));
    }

    public synchronized Image add(String accountId, Image image) {
        List<Image> images = new ArrayList<>(images(accountId));
        if (images.stream().anyMatch(i -> i.imageId().equals(image.imageId()))) {
            throw new StateException(CONFLICT, "account " + accountId + " already has an image " + image.imageId());
        }
        images.add(image);
        catalog.replace(accountId, images);
        save();
        return image;
    }

    public synchronized void replace(String accountId, List<Image> images) {
        requireAccount(accountId);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < images.size(); i++) {
            if (!ids.add(images.get(i).imageId())) {
                throw new StateException(INVALID_FIELD, "[" + i + "].ImageId: repeats ImageId " + images.get(i).imageId());
            }
        }
        catalog.replace(accountId, images);
        pending.values().removeIf(p -> p.accountId().equals(accountId));
        recomputeNextDue();
        save();
    }

    public synchronized void delete(String accountId, String imageId) {
        Image image = image(accountId, imageId);
        List<Image> images = new ArrayList<>(catalog.images(accountId));
        images.remove(image);
        catalog.replace(accountId, images);
        pending.remove(key(accountId, imageId));
        recomputeNextDue();
        save();
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
        Image image = image(accountId, imageId);
        if (!image.exportStatus().canMoveTo(target)) {
            throw new StateException(CONFLICT, "image " + imageId + " cannot go from " + image.exportStatus().ensName()
                    + " to " + target.ensName());
        }
        if (outcome != ExportStatus.EXPORTED && outcome != ExportStatus.EXPORT_ERROR) {
            throw new StateException(INVALID_FIELD, "outcome: must be Exported or ExportError");
        }
        Image changed = withStatus(image, target, url.orElseGet(() -> exportUrl(accountId, image)));
        pending.remove(key(accountId, imageId));
        completeAfter.ifPresent(after -> pending.put(key(accountId, imageId),
                new PendingExport(accountId, imageId, clock.instant().plus(after), outcome)));
        recomputeNextDue();
        swap(accountId, changed);
        save();
        return changed;
    }

    /** Enables or disables a key of the account (long-term or temporary). */
    public synchronized AccessKey changeKeyStatus(String accountId, String accessKeyId, boolean active) {
        Account account = account(accountId);
        AccessKey key = account.accessKeys().stream().filter(k -> k.id().equals(accessKeyId)).findFirst()
                .orElseThrow(() -> new StateException(NOT_FOUND, "no AccessKey " + accessKeyId + " in account " + accountId));
        AccessKey changed = key.withActive(active);
        List<AccessKey> keys = new ArrayList<>(account.accessKeys());
        keys.replaceAll(k -> k.id().equals(accessKeyId) ? changed : k);
        replaceKeys(account, keys);
        return changed;
    }

    /**
     * New temporary credentials for the account, valid for {@code lifetime}. Temporary keys that
     * expired more than a day ago are dropped then, so minting in a loop does not grow the state.
     */
    public synchronized AccessKey mintTemporaryKey(String accountId, Duration lifetime) {
        Account account = account(accountId);
        Instant now = clock.instant();
        AccessKey minted = new AccessKey("STS." + Secrets.alphanumeric(25), Secrets.alphanumeric(44), true,
                Optional.of(new SecurityToken("CAIS" + Secrets.base64Url(96), now.plus(lifetime))));
        List<AccessKey> keys = new ArrayList<>(account.accessKeys());
        keys.removeIf(k -> k.securityToken().map(t -> t.expiration().plus(Duration.ofDays(1)).isBefore(now)).orElse(false));
        keys.add(minted);
        replaceKeys(account, keys);
        return minted;
    }

    private Account account(String accountId) {
        requireAccount(accountId);
        return accounts.get(accountId);
    }

    private void replaceKeys(Account account, List<AccessKey> keys) {
        accounts.put(account.id(), new Account(account.id(), keys, account.allowedActions(), List.of()));
        directory = new AccountDirectory(currentAccounts());
        save();
    }

    /** Back to the seed: images, keys, no exports in progress. */
    public synchronized void reset() {
        accounts.clear();
        pending.clear();
        for (Account account : seed) {
            accounts.put(account.id(), account);
            catalog.replace(account.id(), account.images());
        }
        directory = new AccountDirectory(seed);
        recomputeNextDue();
        save();
    }

    private void settleDueExports() {
        if (clock.instant().isBefore(nextDue)) {
            return;
        }
        synchronized (this) {
            Instant now = clock.instant();
            List<PendingExport> due = pending.values().stream().filter(p -> !p.completesAt().isAfter(now)).toList();
            for (PendingExport export : due) {
                pending.remove(key(export.accountId(), export.imageId()));
                catalog.images(export.accountId()).stream().filter(i -> i.imageId().equals(export.imageId())).findFirst()
                        .ifPresent(image -> swap(export.accountId(), withStatus(image, export.outcome(), exportUrl(export.accountId(), image))));
            }
            recomputeNextDue();
            if (!due.isEmpty()) {
                save();
            }
        }
    }

    private void swap(String accountId, Image changed) {
        List<Image> images = new ArrayList<>(catalog.images(accountId));
        images.replaceAll(i -> i.imageId().equals(changed.imageId()) ? changed : i);
        catalog.replace(accountId, images);
    }

    private static Image withStatus(Image image, ExportStatus status, URI url) {
        return new Image(image.imageId(), image.imageName(), image.creationTime(), image.architecture(), image.platform(),
                image.ownerAlias(), status, status == ExportStatus.EXPORTED ? Optional.of(url) : Optional.empty());
    }

    private URI exportUrl(String accountId, Image image) {
        return URI.create(exportUrlPattern.replace("{accountId}", accountId).replace("{imageId}", image.imageId())
                .replace("{imageName}", java.net.URLEncoder.encode(image.imageName(), java.nio.charset.StandardCharsets.UTF_8)));
    }

    private void requireAccount(String accountId) {
        if (!accounts.containsKey(accountId)) {
            throw new StateException(NOT_FOUND, "no account " + accountId);
        }
    }

    private void recomputeNextDue() {
        nextDue = pending.values().stream().map(PendingExport::completesAt).min(Instant::compareTo).orElse(Instant.MAX);
    }

    private void save() {
        store.ifPresent(file -> file.save(new StateFile.Snapshot(currentAccounts(), List.copyOf(pending.values()))));
    }

    private List<Account> currentAccounts() {
        List<Account> now = new ArrayList<>();
        accounts.values().forEach(a -> now.add(new Account(a.id(), a.accessKeys(), a.allowedActions(), catalog.images(a.id()))));
        return now;
    }

    private static String key(String accountId, String imageId) {
        return accountId + '\n' + imageId;
    }
}
