package dev.ensemu.server.domain;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an ExportImage call asks for, validated with the limits of the OpenAPI document
 * (SPEC-NOTES 34): a required parameter missing or empty is {@code MissingParameter}, a malformed
 * one {@code InvalidParameter.<Name>}, checked in the order the parameters are listed here.
 */
public record ExportRequest(String imageId, String ossBucket, String ossRegionId, Optional<String> ossPrefix,
        Optional<String> roleName) {
    public static final int MAX_IMAGE_ID_LENGTH = 128;
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,64}");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9/._-]{1,30}");
    private static final int MAX_ROLE_NAME_LENGTH = 64;

    public ExportRequest {
        requireImageId(imageId);
        require("OSSBucket", ossBucket, BUCKET);
        require("OSSRegionId", ossRegionId, REGION);
        ossPrefix.ifPresent(prefix -> require("OSSPrefix", prefix, PREFIX));
        roleName.filter(role -> role.length() > MAX_ROLE_NAME_LENGTH).ifPresent(role -> {
            throw new EnsException(EnsError.INVALID_PARAMETER_FIELD, "RoleName");
        });
    }

    /** Empty strings count as not given, as for every ENS parameter. */
    public static ExportRequest of(String imageId, String ossBucket, String ossRegionId, String ossPrefix, String roleName) {
        return new ExportRequest(required("ImageId", imageId), required("OSSBucket", ossBucket),
                required("OSSRegionId", ossRegionId), given(ossPrefix), given(roleName));
    }

    /** Where the image will be: {@code https://{OSSBucket}.oss-{OSSRegionId}.aliyuncs.com/{OSSPrefix}{ImageId}.qcow2}. */
    public URI exportedImageUrl() {
        // The ImageId is any text up to 128 characters: escape it as a path segment.
        String object = ossPrefix.orElse("") + imageId;
        return URI.create("https://" + ossBucket + ".oss-" + ossRegionId + ".aliyuncs.com/" + pathEscaped(object) + ".qcow2");
    }

    /** The ImageId parameter of the operations that name one image: required, at most 128 characters. */
    public static String requireImageId(String imageId) {
        String id = required("ImageId", imageId);
        if (id.length() > MAX_IMAGE_ID_LENGTH) {
            throw new EnsException(EnsError.INVALID_PARAMETER_FIELD, "ImageId");
        }
        return id;
    }

    private static String required(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw new EnsException(EnsError.MISSING_PARAMETER, name);
        }
        return value;
    }

    private static Optional<String> given(String value) {
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static void require(String name, String value, Pattern pattern) {
        if (!pattern.matcher(value).matches()) {
            throw new EnsException(EnsError.INVALID_PARAMETER_FIELD, name);
        }
    }

    private static String pathEscaped(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "/._-~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
