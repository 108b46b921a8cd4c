package dev.ensemu.server.storage;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.ensemu.server.domain.Account;
import dev.ensemu.server.domain.Image;
import java.util.List;

/**
 * One step of a write, as it is stored and as other instances replay it. Every change sets a
 * value rather than adjusting one, so replaying a change twice leaves the same state.
 * <p>
 * Whatever handles changes does it through a {@link Visitor}: a new kind of change adds a method
 * there, and every store fails to compile until it handles it. The JSON form (the data
 * directory's log, the shared change log) names each kind by its {@code op}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "op")
@JsonSubTypes({
    @JsonSubTypes.Type(value = StateChange.ImagePut.class, name = "putImage"),
    @JsonSubTypes.Type(value = StateChange.ImageRemoved.class, name = "removeImage"),
    @JsonSubTypes.Type(value = StateChange.ImagesReplaced.class, name = "replaceImages"),
    @JsonSubTypes.Type(value = StateChange.ExportScheduled.class, name = "scheduleExport"),
    @JsonSubTypes.Type(value = StateChange.ExportUnscheduled.class, name = "unscheduleExport"),
    @JsonSubTypes.Type(value = StateChange.AccountPut.class, name = "putAccount"),
    @JsonSubTypes.Type(value = StateChange.Replaced.class, name = "replaceAll")})
public sealed interface StateChange {
    /** Calls the visitor's method for this kind of change. */
    <X extends Exception> void accept(Visitor<X> visitor) throws X;

    /** One method per kind of change; {@code X} is what the handling may throw (SQLException for the tables). */
    interface Visitor<X extends Exception> {
        void imagePut(ImagePut change) throws X;

        void imageRemoved(ImageRemoved change) throws X;

        void imagesReplaced(ImagesReplaced change) throws X;

        void exportScheduled(ExportScheduled change) throws X;

        void exportUnscheduled(ExportUnscheduled change) throws X;

        void accountPut(AccountPut change) throws X;

        void replaced(Replaced change) throws X;
    }

    /** Adds the image, or replaces the account's image with the same ImageId. */
    record ImagePut(@JsonProperty("account") String accountId, Image image) implements StateChange {
        @Override
        public <X extends Exception> void accept(Visitor<X> visitor) throws X {
            visitor.imagePut(this);
        }
    }

    record ImageRemoved(@JsonProperty("account") String accountId, String imageId) implements StateChange {
        @Override
        public <X extends Exception> void accept(Visitor<X> visitor) throws X {
            visitor.imageRemoved(this);
        }
    }

    record ImagesReplaced(@JsonProperty("account") String accountId, List<Image> images) implements StateChange {
        public ImagesReplaced {
            images = List.copyOf(images);
        }

        @Override
        public <X extends Exception> void accept(Visitor<X> visitor) throws X {
            visitor.imagesReplaced(this);
        }
    }

    record ExportScheduled(PendingExport export) implements StateChange {
        @Override
        public <X extends Exception> void accept(Visitor<X> visitor) throws X {
            visitor.exportScheduled(this);
        }
    }

    record ExportUnscheduled(@JsonProperty("account") String accountId, String imageId) implements StateChange {
        @Override
        public <X extends Exception> void accept(Visitor<X> visitor) throws X {
            visitor.exportUnscheduled(this);
        }
    }

    /** The account's keys and actions (its images are left as they are). */
    record AccountPut(Account account) implements StateChange {
        @Override
        public <X extends Exception> void accept(Visitor<X> visitor) throws X {
            visitor.accountPut(this);
        }
    }

    /** Everything at once: a reset to the seed, or an instance catching up from scratch. */
    record Replaced(StoredState state) implements StateChange {
        @Override
        public <X extends Exception> void accept(Visitor<X> visitor) throws X {
            visitor.replaced(this);
        }
    }
}
