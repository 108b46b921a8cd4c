package dev.ensemu.server.domain;

import java.util.Optional;

/** What a DescribeExportImageInfo call asks for: exact-match filters and a page. */
public record ImageQuery(Optional<String> imageId, Optional<String> imageName, PageRequest page) {
    /** Empty strings count as not given, as every official client sends {@code ImageId=} for an unset field. */
    public static ImageQuery of(String imageId, String imageName, int pageNumber, int pageSize) {
        return new ImageQuery(Text.given(imageId), Text.given(imageName), new PageRequest(pageNumber, pageSize));
    }

    boolean matches(Image image) {
        return imageId.map(image.imageId()::equals).orElse(true)
                && imageName.map(image.imageName()::equals).orElse(true);
    }
}
