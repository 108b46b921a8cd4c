package dev.ensemu.server.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * Builds V1-signed parameter sets for raw HTTP tests. The signature comes from the official
 * Alibaba utility ({@code com.aliyun.openapiutil.Client.getRPCSignature}), not from the server.
 */
public final class V1Requests {
    private V1Requests() {}

    /** The operation's common parameters plus {@code api}, signed for {@code method} with the key. */
    public static Map<String, String> signed(String method, Map<String, String> api, String keyId, String secret,
            Instant timestamp) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Action", "DescribeExportImageInfo");
        params.put("Version", "2017-11-10");
        params.put("Format", "JSON");
        params.put("AccessKeyId", keyId);
        params.put("SignatureMethod", "HMAC-SHA1");
        params.put("SignatureVersion", "1.0");
        params.put("SignatureNonce", UUID.randomUUID().toString());
        params.put("Timestamp", timestamp.truncatedTo(ChronoUnit.SECONDS).toString());
        params.putAll(api);
        return sign(method, params, secret);
    }

    /** Adds the Signature for exactly these parameters (empty values are left out, as Java tea does). */
    public static Map<String, String> sign(String method, Map<String, String> params, String secret) {
        Map<String, String> signed = new LinkedHashMap<>(params);
        signed.remove("Signature");
        try {
            signed.put("Signature", com.aliyun.openapiutil.Client.getRPCSignature(signed, method, secret));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return signed;
    }

    public static String toQuery(Map<String, String> params) {
        StringJoiner query = new StringJoiner("&");
        params.forEach((name, value) -> query.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return query.toString();
    }
}
