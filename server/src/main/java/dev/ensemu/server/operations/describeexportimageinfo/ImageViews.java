package dev.ensemu.server.operations.describeexportimageinfo;

import dev.ensemu.api.model.DescribeExportImageInfoResponse;
import dev.ensemu.api.model.ImageList;
import dev.ensemu.server.domain.Image;
import dev.ensemu.server.domain.Page;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Maps domain records to the generated response models, applying ENS's presentation rules. */
public final class ImageViews {
    private ImageViews() {}

    public static DescribeExportImageInfoResponse toResponse(Page<Image> page, String requestId) {
        List<dev.ensemu.api.model.Image> images = new ArrayList<>(page.items().size());
        for (Image image : page.items()) {
            images.add(toView(image));
        }
        return new DescribeExportImageInfoResponse()
                .images(new ImageList().image(images))
                .pageNumber(page.request().number())
                .pageSize(page.request().size())
                .requestId(requestId)
                .totalCount(page.totalCount());
    }

    private static dev.ensemu.api.model.Image toView(Image image) {
        return new dev.ensemu.api.model.Image()
                .architecture(image.architecture())
                // Whole seconds (the domain truncates), so ISO_INSTANT prints exactly yyyy-MM-ddTHH:mm:ssZ.
                .creationTime(image.creationTime().toString())
                // ENS: "Empty strings are returned for images that are not exported."
                .exportedImageURL(image.exportedImageUrl().map(URI::toString).orElse(""))
                .imageExportStatus(dev.ensemu.api.model.Image.ImageExportStatusEnum.fromValue(image.exportStatus().ensName()))
                .imageId(image.imageId())
                .imageName(image.imageName())
                .imageOwnerAlias(dev.ensemu.api.model.Image.ImageOwnerAliasEnum.fromValue(image.ownerAlias().ensName()))
                .platform(image.platform());
    }
}
