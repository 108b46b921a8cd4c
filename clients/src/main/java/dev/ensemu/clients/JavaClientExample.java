package dev.ensemu.clients;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ensemu.clients.java.ApiClient;
import dev.ensemu.clients.java.ApiException;
import dev.ensemu.clients.java.api.DescribeExportImageInfoApi;
import dev.ensemu.clients.java.api.DescribeExportImageInfoApi.APIDescribeExportImageInfoRequest;
import dev.ensemu.clients.java.api.DescribeExportImageStatusApi;
import dev.ensemu.clients.java.api.DescribeExportImageStatusApi.APIDescribeExportImageStatusRequest;
import dev.ensemu.clients.java.api.ExportImageApi;
import dev.ensemu.clients.java.api.ExportImageApi.APIExportImageRequest;
import dev.ensemu.clients.java.model.DescribeExportImageInfoResponse;
import dev.ensemu.clients.java.model.DescribeExportImageStatusResponse.ImageExportStatusEnum;
import dev.ensemu.clients.java.model.ErrorResponse;
import java.io.PrintStream;
import java.net.URI;
import java.util.stream.Collectors;

/**
 * Calls through the Java client (openapi-generator {@code java}, library {@code native}) generated
 * from ens-2017-11-10.yaml, as it is: pages, a non-ASCII filter, an error, then the export flow
 * (ExportImage, poll DescribeExportImageStatus, read the URL) and an unknown image, one line each in
 * the format every program in {@code clients/} prints.
 * Usage: {@code JavaClientExample <endpoint> [<AccessKeyId> <AccessKeySecret>]}; with a key the calls
 * are signed ({@link AcsSigner}), without one the server must run {@code --auth anonymous}.
 */
public final class JavaClientExample {
    /** The image the flow exports, and where to (the first account of the bundled seed has it). */
    static final String IMAGE = "m-dev0001";
    static final String BUCKET = "client-exports";
    static final String REGION = "cn-beijing";
    static final String NAME = "边缘节点镜像-é";

    private JavaClientExample() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1 && args.length != 3) {
            System.err.println("usage: JavaClientExample <endpoint> [<AccessKeyId> <AccessKeySecret>]");
            System.exit(2);
        }
        run(URI.create(args[0]), args.length == 3 ? new AcsSigner(args[1], args[2]) : null, System.out);
    }

    /** @param signer signs every call, or null for an anonymous server */
    public static void run(URI endpoint, AcsSigner signer, PrintStream out) throws Exception {
        ApiClient client = new ApiClient();
        client.updateBaseUri(endpoint.toString().replaceAll("/$", ""));
        client.setRequestInterceptor(signer);
        DescribeExportImageInfoApi ens = new DescribeExportImageInfoApi(client);
        ExportImageApi export = new ExportImageApi(client);
        DescribeExportImageStatusApi status = new DescribeExportImageStatusApi(client);

        out.println(line(client, "default page", () -> describe(ens.describeExportImageInfo(page().build()))));
        out.println(line(client, "page 2 of 5", () -> describe(ens.describeExportImageInfo(page().pageSize(5).pageNumber(2).build()))));
        out.println(line(client, "ImageName=" + NAME, () -> describe(ens.describeExportImageInfo(page().imageName(NAME).build()))));
        out.println(line(client, "PageSize 51", () -> describe(ens.describeExportImageInfo(page().pageSize(51).build()))));
        // The flow an application runs: export, poll until the export ends, read the URL from the listing.
        out.println(line(client, "export " + IMAGE, () -> {
            String promised = export.exportImage(APIExportImageRequest.newBuilder().imageId(IMAGE).osSBucket(BUCKET).osSRegionId(REGION)
                    .osSPrefix("java/").build()).getExportedImageURL();
            ImageExportStatusEnum now;
            long deadline = System.nanoTime() + 30_000_000_000L;
            do {
                Thread.sleep(50);
                now = status.describeExportImageStatus(APIDescribeExportImageStatusRequest.newBuilder().imageId(IMAGE).build())
                        .getImageExportStatus();
            } while (now == ImageExportStatusEnum.EXPORTING && System.nanoTime() < deadline);
            String listed = ens.describeExportImageInfo(page().imageId(IMAGE).build()).getImages().getImage().get(0).getExportedImageURL();
            return now.getValue() + " " + promised + " listed " + listed;
        }));
        out.println(line(client, "export m-nothing", () -> export.exportImage(APIExportImageRequest.newBuilder().imageId("m-nothing")
                .osSBucket(BUCKET).osSRegionId(REGION).build()).getExportedImageURL()));
    }

    private interface Call {
        String run() throws Exception;
    }

    /** {@code label: <what the call gave>}, or {@code label: HTTP <status> Code=<Code>} from the typed error. */
    private static String line(ApiClient client, String label, Call call) throws Exception {
        try {
            return label + ": " + call.run();
        } catch (ApiException e) {
            return label + ": HTTP " + e.getCode() + " Code=" + errorOf(client, e).getCode();
        }
    }

    private static APIDescribeExportImageInfoRequest.Builder page() {
        return APIDescribeExportImageInfoRequest.newBuilder();
    }

    private static ErrorResponse errorOf(ApiClient client, ApiException e) throws ApiException {
        try {
            return client.getObjectMapper().readValue(e.getResponseBody(), ErrorResponse.class);
        } catch (JsonProcessingException notAnEnvelope) {
            throw new ApiException(e.getCode(), "not an ENS error envelope: " + e.getResponseBody());
        }
    }

    private static String describe(DescribeExportImageInfoResponse page) {
        String images = page.getImages().getImage().stream()
                .map(image -> image.getImageId() + ":" + image.getImageExportStatus().getValue())
                .collect(Collectors.joining(","));
        return "PageNumber=" + page.getPageNumber() + " PageSize=" + page.getPageSize() + " TotalCount="
                + page.getTotalCount() + " Images=" + images;
    }
}
