package dev.ensemu.clients;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ensemu.clients.java.ApiClient;
import dev.ensemu.clients.java.ApiException;
import dev.ensemu.clients.java.api.EnsApi;
import dev.ensemu.clients.java.api.EnsApi.APIDescribeExportImageInfoRequest;
import dev.ensemu.clients.java.model.DescribeExportImageInfoResponse;
import dev.ensemu.clients.java.model.ErrorResponse;
import java.io.PrintStream;
import java.net.URI;
import java.util.stream.Collectors;

/**
 * Four calls through the Java client (openapi-generator {@code java}, library {@code native}) generated
 * from ens-2017-11-10.yaml, printed one line each in the same format as {@code example.ts}.
 * Usage: {@code JavaClientExample http://127.0.0.1:8080} against a server in {@code --auth anonymous} mode.
 */
public final class JavaClientExample {
    private JavaClientExample() {}

    public static void main(String[] args) throws ApiException {
        if (args.length != 1) {
            System.err.println("usage: JavaClientExample <endpoint>");
            System.exit(2);
        }
        run(URI.create(args[0]), System.out);
    }

    public static void run(URI endpoint, PrintStream out) throws ApiException {
        ApiClient client = new ApiClient();
        client.updateBaseUri(endpoint.toString().replaceAll("/$", ""));
        EnsApi ens = new EnsApi(client);

        DescribeExportImageInfoResponse first = ens.describeExportImageInfo(call().build());
        out.println(describe("default page", first));
        out.println(describe("page 2 of 5", ens.describeExportImageInfo(call().pageSize(5).pageNumber(2).build())));

        String name = first.getImages().getImage().get(0).getImageName();
        out.println(describe("ImageName=" + name, ens.describeExportImageInfo(call().imageName(name).build())));

        try {
            ens.describeExportImageInfo(call().pageSize(51).build());
            out.println("PageSize 51: accepted");
        } catch (ApiException e) {
            out.println("PageSize 51: HTTP " + e.getCode() + " Code=" + errorOf(client, e).getCode());
        }
    }

    private static APIDescribeExportImageInfoRequest.Builder call() {
        return APIDescribeExportImageInfoRequest.newBuilder().action("DescribeExportImageInfo").version("2017-11-10");
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
