package dev.ensemu.server.domain;

import java.util.Optional;

/** What a DescribeExportImageInfo call asks for: exact-match filters and a page. */
public record ImageQuery(Optional<String> imageId, Optional<String> imageName, PageRequest page) {
    public static final int MAX_FILTER_LENGTH = 128;

    public ImageQuery {
        imageId.ifPresent(id -> requireShort("ImageId", id));
        imageName.ifPresent(name -> requireShort("ImageName", name));
    }

    /** Empty strings count as not given, as every official client sends {@code ImageId=} for an unset field. */
    public static ImageQuery of(String imageId, String imageName, Integer pageNumber, Integer pageSize) {
        return new ImageQuery(given(imageId), given(imageName), PageRequest.of(pageNumber, pageSize));
    }

    private static Optional<String> given(String value) {
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static void requireShort(String field, String value) {
        if (value.length() > MAX_FILTER_LENGTH) {
            throw new EnsException(EnsError.INVALID_PARAMETER_FIELD, field);
        }
    }

    boolean matches(Image image) {
        return imageId.map(image.imageId()::equals).orElse(true)
                && imageName.map(image.imageName()::equals).orElse(true);
    }
}
