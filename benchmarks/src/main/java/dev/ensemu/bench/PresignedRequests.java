package dev.ensemu.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * Writes N request targets ({@code /?...}) signed with V1 by the development key, each with its
 * own nonce and the current time, for wrk to replay. Run: ... PresignedRequests FILE N PAGE_NUMBER
 */
public final class PresignedRequests {
    private PresignedRequests() {}

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        String pageNumber = args[2];
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            for (int i = 0; i < count; i++) {
                Map<String, String> params = DevKeyRequests.signedV1("GET", Map.of("PageSize", "10", "PageNumber", pageNumber),
                        UUID.randomUUID().toString(), now);
                StringJoiner query = new StringJoiner("&");
                params.forEach((name, value) -> query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
                out.println("/?" + query);
            }
        }
    }
}
