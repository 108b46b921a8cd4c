package dev.ensemu.conformance.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The suite's own signer, written from the Alibaba signing documentation (docs/wire-protocol.md
 * section 4), independently of any server: percent-encoding is "URLEncoder, then + to %20,
 * * to %2A and %7E to ~", as the documentation words it.
 */
public final class RpcSigner {
    private RpcSigner() {}

    public static String percentEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    /** Sorted {@code name=value} pairs, both percent-encoded, joined with {@code &}. */
    public static String canonicalQuery(SortedMap<String, String> params) {
        return params.entrySet().stream()
                .map(p -> percentEncode(p.getKey()) + "=" + percentEncode(p.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** V1: Base64 HMAC-SHA1, key {@code secret&}, over {@code METHOD&%2F&percentEncode(canonicalQuery)}. */
    public static String v1Signature(String method, SortedMap<String, String> params, String secret) {
        String stringToSign = method + "&" + percentEncode("/") + "&" + percentEncode(canonicalQuery(params));
        return Base64.getEncoder().encodeToString(hmac("HmacSHA1", secret + "&", stringToSign));
    }

    /**
     * V3: the Authorization header value for a request whose signed headers (lower-case names,
     * sorted) and query are given; the body is covered by its SHA-256.
     */
    public static String v3Authorization(String method, SortedMap<String, String> query, SortedMap<String, String> signedHeaders,
            String payloadSha256, String keyId, String secret) {
        StringBuilder canonical = new StringBuilder()
                .append(method).append('\n').append("/").append('\n')
                .append(canonicalQuery(query)).append('\n');
        signedHeaders.forEach((name, value) -> canonical.append(name).append(':').append(value.trim()).append('\n'));
        String names = String.join(";", List.copyOf(signedHeaders.keySet()));
        canonical.append('\n').append(names).append('\n').append(payloadSha256);
        String stringToSign = "ACS3-HMAC-SHA256\n" + sha256Hex(canonical.toString().getBytes(StandardCharsets.UTF_8));
        String signature = HexFormat.of().formatHex(hmac("HmacSHA256", secret, stringToSign));
        return "ACS3-HMAC-SHA256 Credential=" + keyId + ",SignedHeaders=" + names + ",Signature=" + signature;
    }

    public static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(String algorithm, String key, String data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
