package dev.ensemu.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * Writes N request targets ({@code /?...}) signed with V1 by the development key, each with its
 * own nonce and the current time, for wrk to send. Run: ... PresignedRequests FILE N PAGE_NUMBER [PARTS [MIX]]
 * With PARTS, the lines are dealt round-robin into FILE.0 ... FILE.(PARTS-1), one per wrk thread,
 * so that with replay protection on no two threads send the same nonce (see presigned.lua).
 * MIX: {@code info} (DescribeExportImageInfo pages, the default), {@code export} (ExportImage),
 * {@code status} (DescribeExportImageStatus) or {@code read90} (nine pages, then one ExportImage);
 * the image-export lines name the images of {@link CatalogGenerator}'s catalog in turn, from a
 * random one on, so consecutive runs export other images.
 */
public final class PresignedRequests {
    /** The size of the benchmarks' usual catalog (CatalogGenerator ... 100000). */
    private static final int CATALOG_IMAGES = 100_000;

    private PresignedRequests() {}

    /** The operation's own parameters of line {@code i}. */
    private static Map<String, String> api(String mix, int i, String pageNumber, int firstImage) {
        String imageId = String.format("m-bench%07d", (firstImage + i) % CATALOG_IMAGES);
        // ExportImage names only images that are not seeded Exporting (those would be IncorrectImageStatus).
        String exportable = CatalogGenerator.exportableImageId((firstImage + i) % CatalogGenerator.exportableCount(CATALOG_IMAGES));
        String kind = mix.equals("read90") ? (i % 10 == 9 ? "export" : "info") : mix;
        return switch (kind) {
            case "export" -> Map.of("Action", "ExportImage", "ImageId", exportable, "OSSBucket", "bench-exports",
                    "OSSRegionId", "cn-beijing", "OSSPrefix", "bench/");
            case "status" -> Map.of("Action", "DescribeExportImageStatus", "ImageId", imageId);
            default -> Map.of("PageSize", "10", "PageNumber", pageNumber);
        };
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        String pageNumber = args[2];
        int parts = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        String mix = args.length > 4 ? args[4] : "info";
        if (!List.of("info", "export", "status", "read90").contains(mix)) {
            throw new IllegalArgumentException("MIX must be info, export, status or read90, not " + mix);
        }
        int firstImage = new java.util.Random().nextInt(CATALOG_IMAGES);
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        PrintWriter[] outs = new PrintWriter[Math.max(parts, 1)];
        for (int part = 0; part < outs.length; part++) {
            Path target = parts == 0 ? file : Path.of(file + "." + part);
            outs[part] = new PrintWriter(Files.newBufferedWriter(target, StandardCharsets.UTF_8));
        }
        try {
            for (int i = 0; i < count; i++) {
                PrintWriter out = outs[i % outs.length];
                Map<String, String> params = DevKeyRequests.signedV1("GET", api(mix, i, pageNumber, firstImage),
                        UUID.randomUUID().toString(), now);
                StringJoiner query = new StringJoiner("&");
                params.forEach((name, value) -> query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
                out.println("/?" + query);
            }
        } finally {
            for (PrintWriter out : outs) {
                out.close();
            }
        }
    }
}
