package dev.ensemu.server.auth;

import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The RPC signature (SignatureMethod HMAC-SHA1, SignatureVersion 1.0) as docs/wire-protocol.md section
 * 4.1 describes it: decoded parameters re-encoded per RFC 3986, sorted, joined, encoded once more.
 */
public final class V1Signature {
    public static final String SIGNATURE = "Signature";

    private V1Signature() {}

    /**
     * @param parameters every query and form parameter, decoded; {@code Signature} is left out here
     * @param withEmptyValues false reproduces Java tea-openapi v2, which signs without empty values
     */
    public static String stringToSign(String method, Map<String, String> parameters, boolean withEmptyValues) {
        TreeMap<String, String> sorted = new TreeMap<>();
        parameters.forEach((name, value) -> {
            if (!SIGNATURE.equals(name) && (withEmptyValues || !value.isEmpty())) {
                sorted.put(PercentEncoding.encode(name), PercentEncoding.encode(value));
            }
        });
        StringJoiner canonical = new StringJoiner("&");
        sorted.forEach((name, value) -> canonical.add(name + "=" + value));
        return method + "&" + PercentEncoding.encode("/") + "&" + PercentEncoding.encode(canonical.toString());
    }

    /** Base64 HMAC-SHA1 keyed with the secret followed by {@code &}. */
    public static String sign(String secret, String stringToSign) {
        return Base64.getEncoder().encodeToString(Hashes.hmacSha1(secret + "&", stringToSign));
    }
}
