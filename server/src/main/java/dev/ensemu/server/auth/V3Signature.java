package dev.ensemu.server.auth;

import dev.ensemu.server.domain.EnsError;
import dev.ensemu.server.domain.EnsException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/** The ACS3-HMAC-SHA256 signature as docs/wire-protocol.md section 4.2 describes it. */
public final class V3Signature {
    public static final String ALGORITHM = "ACS3-HMAC-SHA256";

    /** The parsed {@code Authorization} header; its fields may come in any order. */
    record Authorization(String accessKeyId, List<String> signedHeaders, String signature) {
        static Authorization parse(String header) {
            if (!header.startsWith(ALGORITHM + " ")) {
                throw incomplete("the Authorization algorithm must be " + ALGORITHM);
            }
            Map<String, String> fields = new HashMap<>();
            for (String field : header.substring(ALGORITHM.length() + 1).split(",")) {
                int eq = field.indexOf('=');
                if (eq > 0) {
                    fields.put(field.substring(0, eq).strip(), field.substring(eq + 1).strip());
                }
            }
            String credential = fields.get("Credential");
            String signedHeaders = fields.get("SignedHeaders");
            String signature = fields.get("Signature");
            if (isBlank(credential) || isBlank(signedHeaders) || isBlank(signature)) {
                throw incomplete("Authorization needs Credential, SignedHeaders and Signature");
            }
            return new Authorization(credential, Arrays.asList(signedHeaders.split(";")), signature);
        }
    }

    private V3Signature() {}

    /**
     * @param query     the query parameters only (a form body is covered by the payload hash)
     * @param header    a request header by lower-case name, or null
     */
    public static String canonicalRequest(String method, Map<String, String> query, List<String> signedHeaders,
            UnaryOperator<String> header, String payloadHash) {
        TreeMap<String, String> sorted = new TreeMap<>();
        query.forEach((name, value) -> sorted.put(PercentEncoding.encode(name), PercentEncoding.encode(value)));
        StringJoiner canonicalQuery = new StringJoiner("&");
        sorted.forEach((name, value) -> canonicalQuery.add(name + "=" + value));

        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : signedHeaders) {
            String value = header.apply(name);
            canonicalHeaders.append(name).append(':').append(value == null ? "" : value.strip()).append('\n');
        }
        return method + "\n/\n" + canonicalQuery + "\n" + canonicalHeaders + "\n"
                + String.join(";", signedHeaders) + "\n" + payloadHash;
    }

    public static String stringToSign(String canonicalRequest) {
        return ALGORITHM + "\n" + Hashes.sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    /** Lower-case hex HMAC-SHA256 keyed with the secret itself (no {@code &}, unlike V1). */
    public static String sign(String secret, String stringToSign) {
        return Hashes.hex(Hashes.hmacSha256(secret, stringToSign));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static EnsException incomplete(String detail) {
        return new EnsException(EnsError.INCOMPLETE_SIGNATURE, detail);
    }
}
