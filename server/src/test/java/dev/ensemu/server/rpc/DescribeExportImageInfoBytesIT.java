package dev.ensemu.server.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ensemu.server.auth.AuthMode;
import dev.ensemu.server.support.InProcessServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DescribeExportImageInfo answers byte for byte as it did before the operations engine: the file
 * holds what the server of commit 5fcc8b2 answered (JSON and XML pages, a filter with non-ASCII
 * text, errors in both formats, a page past the end) on the bundled seed; only the RequestId differs.
 */
class DescribeExportImageInfoBytesIT {
    @RegisterExtension
    static final InProcessServer emulator = InProcessServer.with(settings -> settings.auth(AuthMode.ANONYMOUS));

    @Test
    void answersAreTheBytesTheServerGaveBeforeTheEngine() throws Exception {
        List<String> lines = golden().lines().filter(line -> !line.startsWith("#")).toList();
        assertThat(lines).hasSize(21);
        HttpClient client = HttpClient.newHttpClient();
        for (int i = 0; i < lines.size(); i += 3) {
            URI uri = emulator.baseUri().resolve("/?Action=DescribeExportImageInfo&Version=2017-11-10&" + lines.get(i));
            HttpResponse<byte[]> answer = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
            String body = new String(answer.body(), StandardCharsets.UTF_8)
                    .replaceAll("[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}", "REQUEST-ID");
            assertThat(answer.headers().firstValue("Content-Type")).as(lines.get(i)).contains(lines.get(i + 1));
            assertThat(body).as(lines.get(i)).isEqualTo(lines.get(i + 2));
        }
    }

    private static String golden() throws IOException {
        try (InputStream in = DescribeExportImageInfoBytesIT.class.getResourceAsStream("/dev/ensemu/server/golden-describe-export-image-info.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
