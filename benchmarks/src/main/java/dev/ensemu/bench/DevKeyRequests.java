package dev.ensemu.bench;

import dev.ensemu.server.auth.V1Signature;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** V1-signed parameter sets for the bundled development key, shared by the benchmarks. */
final class DevKeyRequests {
    static final String KEY_ID = "LTAIEnsemuDevAccess01";
    static final String SECRET = "EnsemuDevSecretDoNotUseInProduction01";

    private DevKeyRequests() {}

    /** The operation's and the signature's parameters plus {@code api}, with {@code Signature} last. */
    static Map<String, String> signedV1(String method, Map<String, String> api, String nonce, String timestamp) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Action", "DescribeExportImageInfo");
        params.put("Version", "2017-11-10");
        params.put("Format", "JSON");
        params.put("AccessKeyId", KEY_ID);
        params.put("SignatureMethod", "HMAC-SHA1");
        params.put("SignatureVersion", "1.0");
        params.put("SignatureNonce", nonce);
        params.put("Timestamp", timestamp);
        params.putAll(api);
        params.put("Signature", V1Signature.sign(SECRET, V1Signature.stringToSign(method, params, true)));
        return params;
    }

    /** A V1-signed query with a fresh nonce and the current time, as an SDK sends it. */
    static String signedQuery(Map<String, String> api) {
        Map<String, String> params = signedV1("GET", api, UUID.randomUUID().toString(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        StringJoiner query = new StringJoiner("&");
        params.forEach((name, value) -> query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return query.toString();
    }

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)content-length: *(\\d+)");

    /** Reads one answer with a Content-Length (every contender sends one) and returns its status. */
    static int readAnswer(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || head.charAt(head.length() - 1) != '\n' || head.charAt(head.length() - 3) != '\n') {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed");
            }
            head.append((char) c);
        }
        Matcher length = CONTENT_LENGTH.matcher(head);
        if (!length.find()) {
            throw new IOException("no Content-Length: " + head);
        }
        in.readNBytes(Integer.parseInt(length.group(1)));
        return Integer.parseInt(head.substring(9, 12));
    }
}
