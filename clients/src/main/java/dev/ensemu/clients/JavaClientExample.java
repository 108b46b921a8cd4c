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
import dev.ensemu.clients.java.model.ErrorResponse;
import dev.ensemu.clients.java.model.ImageExportStatus;
import java.io.PrintStream;
import java.net.URI;
import java.util.stream.Collectors;

/**
 * Calls through the Java client (openapi-generator {@code java}, library {@code native}) generated
 * from ens-2017-11-10.yaml, printed one line each in the same format as {@code example.ts}: pages,
 * a filter, an error, then the export flow (ExportImage, poll DescribeExportImageStatus, read the URL).
 * Usage: {@code JavaClientExample http://127.0.0.1:8080} against a server in {@code --auth anonymous} mode.
 */
public final class JavaClientExample {
    /** The image the flow exports, and where to (the first account of the bundled seed has it). */
    static final String IMAGE = "m-dev0001";
    static final String BUCKET = "client-exports";
    static final String REGION = "cn-beijing";
    static final String PREFIX = "java/";

    private JavaClientExample() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: JavaClientExample <endpoint>");
            System.exit(2);
        }
        run(URI.create(args[0]), System.out);
    }

    /**
     * A client for an RPC endpoint. The document keys each operation {@code /#Action=<Name>&Version=...},
     * so the generated client puts Action, Version and its query in the URL fragment; the
     * interceptor sends them as the query of {@code /}, as ENS expects.
     */
    public static ApiClient rpcClient(URI endpoint) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(endpoint.toString().replaceAll("/$", ""));
        client.setRequestInterceptor(request -> {
            URI uri = request.build().uri();
            String fragment = uri.getRawFragment();
            if (fragment != null && fragment.startsWith("Action=")) {
                request.uri(URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath() + "?"
                        + fragment.replaceFirst("\\?", "&")));
            }
        });
        return client;
    }

    public static void run(URI endpoint, PrintStream out) throws Exception {
        ApiClient client = rpcClient(endpoint);
        DescribeExportImageInfoApi ens = new DescribeExportImageInfoApi(client);

        DescribeExportImageInfoResponse first = ens.describeExportImageInfo(page().build());
        out.println(describe("default page", first));
        out.println(describe("page 2 of 5", ens.describeExportImageInfo(page().pageSize(5).pageNumber(2).build())));

        String name = first.getImages().getImage().get(0).getImageName();
        out.println(describe("ImageName=" + name, ens.describeExportImageInfo(page().imageName(name).build())));

        try {
            ens.describeExportImageInfo(page().pageSize(51).build());
            out.println("PageSize 51: accepted");
        } catch (ApiException e) {
            out.println("PageSize 51: HTTP " + e.getCode() + " Code=" + errorOf(client, e).getCode());
        }
        exportAndPoll(client, out);
    }

    /** The flow an application runs: export, poll until the export ends, read the URL from the listing. */
    private static void exportAndPoll(ApiClient client, PrintStream out) throws Exception {
        ExportImageApi export = new ExportImageApi(client);
        DescribeExportImageStatusApi status = new DescribeExportImageStatusApi(client);
        String promised = export.exportImage(APIExportImageRequest.newBuilder().imageId(IMAGE).osSBucket(BUCKET).osSRegionId(REGION)
                .osSPrefix(PREFIX).build()).getExportedImageURL();
        ImageExportStatus now;
        long deadline = System.nanoTime() + 30_000_000_000L;
        do {
            Thread.sleep(50);
            now = status.describeExportImageStatus(APIDescribeExportImageStatusRequest.newBuilder().imageId(IMAGE).build())
                    .getImageExportStatus();
        } while (now == ImageExportStatus.EXPORTING && System.nanoTime() < deadline);
        String listed = new DescribeExportImageInfoApi(client).describeExportImageInfo(page().imageId(IMAGE).build())
                .getImages().getImage().get(0).getExportedImageURL();
        out.println("export " + IMAGE + ": " + now.getValue() + " " + promised + " listed " + listed);
        try {
            export.exportImage(APIExportImageRequest.newBuilder().imageId("m-nothing").osSBucket(BUCKET).osSRegionId(REGION).build());
            out.println("export m-nothing: accepted");
        } catch (ApiException e) {
            out.println("export m-nothing: HTTP " + e.getCode() + " Code=" + errorOf(client, e).getCode());
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

    private static String describe(String label, DescribeExportImageInfoResponse page) {
        String images = page.getImages().getImage().stream()
                .map(image -> image.getImageId() + ":" + image.getImageExportStatus().getValue())
                .collect(Collectors.joining(","));
        return label + ": PageNumber=" + page.getPageNumber() + " PageSize=" + page.getPageSize() + " TotalCount="
                + page.getTotalCount() + " Images=" + images;
    }
}
