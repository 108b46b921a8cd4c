package dev.ensemu.server.storage;

import dev.ensemu.server.domain.Account;
import dev.ensemu.server.domain.Image;
import java.util.List;

/**
 * One step of a write, as it is stored and as other instances replay it. Every change sets a
 * value rather than adjusting one, so replaying a change twice leaves the same state.
 */
public sealed interface StateChange {
    /** Adds the image, or replaces the account's image with the same ImageId. */
    record ImagePut(String accountId, Image image) implements StateChange {}

    record ImageRemoved(String accountId, String imageId) implements StateChange {}

    record ImagesReplaced(String accountId, List<Image> images) implements StateChange {
        public ImagesReplaced {
            images = List.copyOf(images);
        }
    }

    record ExportScheduled(PendingExport export) implements StateChange {}

    record ExportUnscheduled(String accountId, String imageId) implements StateChange {}

    /** The account's keys and actions (its images are left as they are). */
    record AccountPut(Account account) implements StateChange {}

    /** Everything at once: a reset to the seed, or an instance catching up from scratch. */
    record Replaced(StoredState state) implements StateChange {}
}
