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
 * What the control plane does to the state: read accounts and images as they are now, add, replace
 * and delete images, move exports along, switch keys, mint temporary credentials, reset to the seed.
 * Its failures are {@link StateException}s that name what is missing or wrong.
 */
public final class ControlPlaneWrites {
    private final StateModel model;
    private final ExportSettling settling;
    private final StorageCatchUp catchUp;

    ControlPlaneWrites(StateModel model, ExportSettling settling, StorageCatchUp catchUp) {
        this.model = model;
        this.settling = settling;
        this.catchUp = catchUp;
    }

    /** The accounts as they are now (keys, actions, current images). */
    public List<Account> accounts() {
        synchronized (model) {
            catchUp.refresh();
            settling.settleDue();
            return model.stored().accounts();
        }
    }

    /** Images of every account (for health). */
    public int imageCount() {
        return model.catalog.size();
    }

    public List<Image> images(String accountId) {
        synchronized (model) {
            catchUp.refresh();
            settling.settleDue();
            model.requireAccount(accountId);
            return model.catalog.images(accountId);
        }
    }

    public Image image(String accountId, String imageId) {
        synchronized (model) {
            catchUp.refresh();
            settling.settleDue();
            return model.find(accountId, imageId);
        }
    }

    public Image add(String accountId, Image image) {
        synchronized (model) {
            model.write(() -> {
                model.requireAccount(accountId);
                if (model.catalog.find(accountId, image.imageId()).isPresent()) {
                    throw new StateException(CONFLICT, "account " + accountId + " already has an image " + image.imageId());
                }
                return List.of(new StateChange.ImagePut(accountId, image));
            });
        }
        return image;
    }

    public void replace(String accountId, List<Image> images) {
        synchronized (model) {
            model.write(() -> {
                model.requireAccount(accountId);
                Set<String> ids = new HashSet<>();
                for (int i = 0; i < images.size(); i++) {
                    if (!ids.add(images.get(i).imageId())) {
                        throw new StateException(INVALID_FIELD, "[" + i + "].ImageId: repeats ImageId " + images.get(i).imageId());
                    }
                }
                List<StateChange> changes = new ArrayList<>();
                changes.add(new StateChange.ImagesReplaced(accountId, images));
                model.pending.all().stream().filter(p -> p.accountId().equals(accountId))
                        .forEach(p -> changes.add(new StateChange.ExportUnscheduled(accountId, p.imageId())));
                return changes;
            });
        }
    }

    public void delete(String accountId, String imageId) {
        synchronized (model) {
            model.write(() -> {
                model.find(accountId, imageId);
                List<StateChange> changes = new ArrayList<>();
                changes.add(new StateChange.ImageRemoved(accountId, imageId));
                if (model.pending.get(accountId, imageId).isPresent()) {
                    changes.add(new StateChange.ExportUnscheduled(accountId, imageId));
                }
                return changes;
            });
        }
    }

    /**
     * Moves an image along Unexported -> Exporting -> Exported | ExportError (re-export allowed
     * from Exported and ExportError).
     *
     * @param completeAfter with {@code EXPORTING}: finish by itself after this long, as {@code outcome}
     * @param url           with {@code EXPORTED}: the URL instead of the pattern's
     */
    public Image changeExportStatus(String accountId, String imageId, ExportStatus target,
            Optional<Duration> completeAfter, ExportStatus outcome, Optional<URI> url) {
        List<Image> changed = new ArrayList<>(1);
        synchronized (model) {
            model.write(() -> {
                Image image = model.find(accountId, imageId);
                if (!image.exportStatus().canMoveTo(target)) {
                    throw new StateException(CONFLICT, "image " + imageId + " cannot go from " + image.exportStatus().ensName()
                            + " to " + target.ensName());
                }
                if (outcome != ExportStatus.EXPORTED && outcome != ExportStatus.EXPORT_ERROR) {
                    throw new StateException(INVALID_FIELD, "outcome: must be Exported or ExportError");
                }
                // Ending an export ExportImage started keeps the URL it promised.
                Image next = StateModel.withStatus(image, target, url.or(() -> model.pending.get(accountId, imageId).flatMap(PendingExport::url))
                        .orElseGet(() -> model.exportUrl(accountId, image)));
                changed.add(next);
                List<StateChange> changes = new ArrayList<>();
                changes.add(new StateChange.ImagePut(accountId, next));
                changes.add(completeAfter.<StateChange>map(after -> new StateChange.ExportScheduled(
                                new PendingExport(accountId, imageId, model.clock.instant().plus(after), outcome, Optional.empty())))
                        .orElse(new StateChange.ExportUnscheduled(accountId, imageId)));
                return changes;
            });
        }
        return changed.get(0);
    }

    /** Enables or disables a key of the account (long-term or temporary). */
    public AccessKey changeKeyStatus(String accountId, String accessKeyId, boolean active) {
        List<AccessKey> changed = new ArrayList<>(1);
        synchronized (model) {
            model.write(() -> {
                Account account = model.account(accountId);
                AccessKey key = account.accessKeys().stream().filter(k -> k.id().equals(accessKeyId)).findFirst()
                        .orElseThrow(() -> new StateException(NOT_FOUND, "no AccessKey " + accessKeyId + " in account " + accountId));
                changed.add(key.withActive(active));
                List<AccessKey> keys = new ArrayList<>(account.accessKeys());
                keys.replaceAll(k -> k.id().equals(accessKeyId) ? changed.get(0) : k);
                return List.of(StateModel.withKeys(account, keys));
            });
        }
        return changed.get(0);
    }

    /**
     * New temporary credentials for the account, valid for {@code lifetime}. Temporary keys that
     * expired more than a day ago are dropped then, so minting in a loop does not grow the state.
     */
    public AccessKey mintTemporaryKey(String accountId, Duration lifetime) {
        Instant now = model.clock.instant();
        AccessKey minted = new AccessKey("STS." + Secrets.alphanumeric(25), Secrets.alphanumeric(44), true,
                Optional.of(new SecurityToken("CAIS" + Secrets.base64Url(96), now.plus(lifetime))));
        synchronized (model) {
            model.write(() -> {
                Account account = model.account(accountId);
                List<AccessKey> keys = new ArrayList<>(account.accessKeys());
                keys.removeIf(k -> k.securityToken().map(t -> t.expiration().plus(Duration.ofDays(1)).isBefore(now)).orElse(false));
                keys.add(minted);
                return List.of(StateModel.withKeys(account, keys));
            });
        }
        return minted;
    }

    /** Back to the seed: images, keys, no exports in progress. */
    public void reset() {
        synchronized (model) {
            model.write(() -> List.of(new StateChange.Replaced(StoredState.of(model.seed))));
        }
    }
}
