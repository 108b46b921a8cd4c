package dev.ensemu.bench;

import dev.ensemu.server.auth.V1Signature;
import java.util.LinkedHashMap;
import java.util.Map;

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
}
