package dev.ensemu.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.File;
import java.io.IOException;
import java.time.Instant;

/**
 * Writes a seed with N realistic images in the development account (same keys as the bundled
 * seed), streaming, so a million images need no memory. Run: ... CatalogGenerator FILE N
 */
public final class CatalogGenerator {
    private static final String[] PLATFORMS = {"centos", "ubuntu", "debian", "windows", "alibaba_cloud_linux", "rocky"};
    private static final String[] STATUSES = {"Exported", "Exporting", "ExportError", "Unexported"};
    /** How many images of a catalog of {@code images} are not being exported (ExportImage may start one). */
    static int exportableCount(int images) {
        return images - (images + 2) / 4;
    }

    /** The n-th image that is not Exporting (every fourth image, from the second, is seeded Exporting). */
    static String exportableImageId(int n) {
        int[] notExporting = {0, 2, 3};
        return String.format("m-bench%07d", n / 3 * 4 + notExporting[n % 3]);
    }

    private CatalogGenerator() {}

    public static void main(String[] args) throws IOException {
        write(new File(args[0]), Integer.parseInt(args[1]));
    }

    static void write(File file, int count) throws IOException {
        try (JsonGenerator json = new JsonFactory().createGenerator(file, com.fasterxml.jackson.core.JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeArrayFieldStart("accounts");
            json.writeStartObject();
            json.writeStringField("id", "1000000000000001");
            json.writeArrayFieldStart("accessKeys");
            json.writeStartObject();
            json.writeStringField("id", "LTAIEnsemuDevAccess01");
            json.writeStringField("secret", "EnsemuDevSecretDoNotUseInProduction01");
            json.writeEndObject();
            json.writeEndArray();
            json.writeArrayFieldStart("images");
            Instant start = Instant.parse("2020-01-01T00:00:00Z");
            for (int i = 0; i < count; i++) {
                String id = String.format("m-bench%07d", i);
                String status = STATUSES[i % STATUSES.length];
                json.writeStartObject();
                json.writeStringField("ImageId", id);
                json.writeStringField("ImageName", "bench-image-" + (i % 5000));
                json.writeStringField("CreationTime", start.plusSeconds(i * 37L).toString());
                json.writeStringField("Architecture", i % 3 == 0 ? "arm64" : "x86_64");
                json.writeStringField("Platform", PLATFORMS[i % PLATFORMS.length]);
                json.writeStringField("ImageOwnerAlias", i % 5 == 0 ? "system" : "self");
                json.writeStringField("ImageExportStatus", status);
                if (status.equals("Exported")) {
                    json.writeStringField("ExportedImageURL", "https://ensemu-exports.oss-cn-beijing.aliyuncs.com/" + id + ".qcow2");
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
        }
    }
}
