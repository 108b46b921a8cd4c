package dev.ensemu.server.proxy;

import dev.ensemu.server.auth.SignatureScheme;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An ENS call as it goes upstream: the caller's method, parameters and their placement, without the
 * caller's signature, to be signed again with the upstream key by the same scheme.
 *
 * @param query the query parameters, decoded, in the caller's order
 * @param form  the form parameters, decoded, in the caller's order; empty for none
 */
public record ForwardedCall(String method, SignatureScheme scheme, String action, String version, Map<String, String> query,
        Map<String, String> form) {
    /** The parameters of a V1 signature (and the caller's STS token): the upstream gets its own. */
    static final Set<String> SIGNATURE_PARAMETERS = Set.of("AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion",
            "SignatureNonce", "SignatureType", "Timestamp", "SecurityToken");

    public ForwardedCall {
        query = unsigned(query);
        form = unsigned(form);
    }

    private static Map<String, String> unsigned(Map<String, String> parameters) {
        Map<String, String> kept = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            if (!SIGNATURE_PARAMETERS.contains(name)) {
                kept.put(name, value);
            }
        });
        return java.util.Collections.unmodifiableMap(kept);
    }

    /** A GET of one page of DescribeExportImageInfo, signed V3: what {@code ensemu record} sends. */
    static ForwardedCall listingPage(int pageNumber, int pageSize) {
        return new ForwardedCall("GET", SignatureScheme.V3, "DescribeExportImageInfo", "2017-11-10",
                Map.of("PageNumber", Integer.toString(pageNumber), "PageSize", Integer.toString(pageSize)), Map.of());
    }
}
