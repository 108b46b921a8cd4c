package dev.ensemu.server.domain;

import java.net.URI;
import java.util.Optional;

/**
 * What an ExportImage call asks for. Its parameters' limits are the OpenAPI document's
 * (SPEC-NOTES 34), held by the RPC layer before a call reaches the domain.
 */
public record ExportRequest(String imageId, String ossBucket, String ossRegionId, Optional<String> ossPrefix,
        Optional<String> roleName) {
    /** Empty optional values count as not given, as for every ENS parameter. */
    public static ExportRequest of(String imageId, String ossBucket, String ossRegionId, String ossPrefix, String roleName) {
        return new ExportRequest(imageId, ossBucket, ossRegionId, Text.given(ossPrefix), Text.given(roleName));
    }

    /** Where the image will be: {@code https://{OSSBucket}.oss-{OSSRegionId}.aliyuncs.com/{OSSPrefix}{ImageId}.qcow2}. */
    public URI exportedImageUrl() {
        // The ImageId is any text up to 128 characters: escape it as a path segment.
        String object = ossPrefix.orElse("") + imageId;
        return URI.create("https://" + ossBucket + ".oss-" + ossRegionId + ".aliyuncs.com/" + pathEscaped(object) + ".qcow2");
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
