package dev.ensemu.server.domain;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/** An image of an account and its export state; only an exported image has a URL. */
public record Image(
        String imageId,
        String imageName,
        Instant creationTime,
        String architecture,
        String platform,
        OwnerAlias ownerAlias,
        ExportStatus exportStatus,
        Optional<URI> exportedImageUrl) {

    /** The order of DescribeExportImageInfo: newest first, then by ImageId so the order is total. */
    public static final Comparator<Image> LISTING_ORDER =
            Comparator.comparing(Image::creationTime).reversed().thenComparing(Image::imageId);

    public Image {
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(imageName, "imageName");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(ownerAlias, "ownerAlias");
        Objects.requireNonNull(exportStatus, "exportStatus");
        Objects.requireNonNull(exportedImageUrl, "exportedImageUrl");
        // ENS reports whole seconds; keeping only those makes ordering match what clients see.
        creationTime = creationTime.truncatedTo(ChronoUnit.SECONDS);
        if (exportedImageUrl.isPresent() != (exportStatus == ExportStatus.EXPORTED)) {
            throw new IllegalArgumentException("ExportedImageURL must be set exactly when ImageExportStatus is Exported");
        }
    }
}
