package dev.ensemu.server.state;

import dev.ensemu.server.domain.EnsError;
import dev.ensemu.server.domain.EnsException;
import dev.ensemu.server.domain.ExportRequest;
import dev.ensemu.server.domain.ExportStatus;
import dev.ensemu.server.domain.Image;
import dev.ensemu.server.domain.ImageQuery;
import dev.ensemu.server.domain.Page;
import dev.ensemu.server.storage.PendingExport;
import dev.ensemu.server.storage.StateChange;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What the ENS operations do to the state: list, export, tell an export's status. */
public final class ImageOperations {
    private final StateModel model;
    private final ExportSettling settling;

    ImageOperations(StateModel model, ExportSettling settling) {
        this.model = model;
        this.settling = settling;
    }

    public Page<Image> describeExportImageInfo(String accountId, ImageQuery query) {
        settling.settleDue();
        return model.catalog.describeExportImageInfo(accountId, query);
    }

    /**
     * ExportImage: the image goes {@code Exporting} at once and ends as {@code outcome} after
     * {@code duration}, then showing the URL returned here. One export per image at a time.
     */
    public URI exportImage(String accountId, ExportRequest request, Duration duration, ExportStatus outcome) {
        URI url = request.exportedImageUrl();
        synchronized (model) {
            model.write(() -> {
                Image image = model.owned(accountId, request.imageId());
                if (image.exportStatus() == ExportStatus.EXPORTING) {
                    throw new EnsException(EnsError.INCORRECT_IMAGE_STATUS);
                }
                return List.of(new StateChange.ImagePut(accountId, StateModel.withStatus(image, ExportStatus.EXPORTING, url)),
                        new StateChange.ExportScheduled(new PendingExport(accountId, image.imageId(), model.clock.instant().plus(duration),
                                outcome, Optional.of(url))));
            });
        }
        return url;
    }

    /**
     * The status once every due export has ended, waiting for an ending in flight: what a decision
     * (may this image be exported?) needs, where a read may show an ending a moment late.
     */
    public ExportStatus settledExportStatus(String accountId, String imageId) {
        settling.settleNow();
        return model.owned(accountId, imageId).exportStatus();
    }

    /** DescribeExportImageStatus: the status DescribeExportImageInfo would show now. */
    public ExportStatus exportStatus(String accountId, String imageId) {
        settling.settleDue();
        return model.owned(accountId, imageId).exportStatus();
    }
}
