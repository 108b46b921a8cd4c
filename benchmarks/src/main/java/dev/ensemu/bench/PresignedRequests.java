package dev.ensemu.bench;

import dev.ensemu.server.auth.V1Signature;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
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
                Map<String, String> params = new LinkedHashMap<>();
                params.put("Action", "DescribeExportImageInfo");
                params.put("Version", "2017-11-10");
                params.put("Format", "JSON");
                params.put("PageSize", "10");
                params.put("PageNumber", pageNumber);
                params.put("AccessKeyId", "LTAIEnsemuDevAccess01");
                params.put("SignatureMethod", "HMAC-SHA1");
                params.put("SignatureVersion", "1.0");
                params.put("SignatureNonce", UUID.randomUUID().toString());
                params.put("Timestamp", now);
                params.put("Signature", V1Signature.sign("EnsemuDevSecretDoNotUseInProduction01",
                        V1Signature.stringToSign("GET", params, true)));
                StringJoiner query = new StringJoiner("&");
                params.forEach((name, value) -> query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
                out.println("/?" + query);
            }
        }
    }
}
