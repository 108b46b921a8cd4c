package dev.ensemu.server.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ensemu.server.support.InProcessServer;
import dev.ensemu.server.auth.Hashes;
import dev.ensemu.server.auth.V1Signature;
import dev.ensemu.server.auth.V3Signature;
import dev.ensemu.server.support.DevSeed;
import dev.ensemu.server.support.RawHttp;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Valid V1 and V3 requests with one byte changed anywhere that is signed (a parameter in the
 * query or body, a signed header, the signature): every change of meaning is refused, and the
 * unchanged request is then served, so it was the change that was refused.
 */
class SignatureMutationIT {
    private static final InProcessServer emulator = InProcessServer.with(settings -> settings.admin(false));

    @BeforeContainer
    static void start() {
        emulator.start();
    }

    @AfterContainer
    static void stop() {
        emulator.close();
    }

    enum Scheme { V1_QUERY, V1_BODY, V3_QUERY, V3_BODY }

    enum Part { QUERY, BODY, SIGNED_HEADER, SIGNATURE }

    /** A signed request split into the parts a mutation can hit. */
    record Signed(String method, String query, String body, Map<String, String> headers) {
        String wire() {
            StringBuilder request = new StringBuilder(method + " /" + (query.isEmpty() ? "" : "?" + query) + " HTTP/1.1\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            request.append("Connection: close\r\nContent-Length: ").append(body.length()).append("\r\n\r\n").append(body);
            return request.toString();
        }
    }

    @Property(tries = 600, seed = "427")
    void everySignedChangeIsRefused(@ForAll Scheme scheme, @ForAll Part part, @ForAll @IntRange(min = 0, max = 100_000) int position,
            @ForAll("replacements") char replacement, @ForAll @IntRange(min = 1, max = 50) int pageSize) throws IOException {
        Signed original = sign(scheme, pageSize);
        Signed mutated = mutate(original, scheme, part, position, replacement);

        RawHttp.Response refused = send(mutated);
        assertThat(refused.status()).as("%s changed in %s: %s", part, scheme, mutated.wire()).isNotEqualTo(200);
        RawHttp.Response served = send(original);
        assertThat(served.status()).as("the unchanged request %s answered %s", original.wire(), served.body()).isEqualTo(200);
    }

    @Provide
    Arbitrary<Character> replacements() {
        return Arbitraries.chars().with("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~%+=&");
    }

    private static RawHttp.Response send(Signed request) throws IOException {
        try (RawHttp connection = new RawHttp(emulator.baseUri())) {
            return connection.exchange(request.wire());
        }
    }

    private static Signed sign(Scheme scheme, int pageSize) {
        Map<String, String> api = new LinkedHashMap<>();
        api.put("PageSize", String.valueOf(pageSize));
        api.put("ImageName", "centos-7.9-web");
        boolean inBody = scheme == Scheme.V1_BODY || scheme == Scheme.V3_BODY;
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String nonce = UUID.randomUUID().toString();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "127.0.0.1:" + emulator.baseUri().getPort());
        headers.put("x-acs-action", "DescribeExportImageInfo");
        headers.put("x-acs-version", "2017-11-10");
        if (inBody) {
            headers.put("Content-Type", "application/x-www-form-urlencoded");
        }
        if (scheme == Scheme.V1_QUERY || scheme == Scheme.V1_BODY) {
            Map<String, String> system = new LinkedHashMap<>();
            system.put("Action", "DescribeExportImageInfo");
            system.put("Version", "2017-11-10");
            system.put("AccessKeyId", DevSeed.KEY_ID);
            system.put("SignatureMethod", "HMAC-SHA1");
            system.put("SignatureVersion", "1.0");
            system.put("SignatureNonce", nonce);
            system.put("Timestamp", now);
            Map<String, String> all = new LinkedHashMap<>(system);
            all.putAll(api);
            system.put("Signature", V1Signature.sign(DevSeed.SECRET, V1Signature.stringToSign("POST", all, true)));
            return inBody ? new Signed("POST", form(system), form(api), headers) : new Signed("POST", form(all) + "&Signature="
                    + URLEncoder.encode(system.get("Signature"), StandardCharsets.UTF_8), "", headers);
        }
        String query = inBody ? "" : form(api);
        String body = inBody ? form(api) : "";
        String payload = Hashes.sha256Hex(body.getBytes(StandardCharsets.UTF_8));
        headers.put("x-acs-date", now);
        headers.put("x-acs-signature-nonce", nonce);
        headers.put("x-acs-content-sha256", payload);
        TreeMap<String, String> signed = new TreeMap<>();
        headers.forEach((name, value) -> signed.put(name.toLowerCase(), value));
        List<String> names = List.copyOf(signed.keySet());
        String signature = V3Signature.sign(DevSeed.SECRET, V3Signature.stringToSign(V3Signature.canonicalRequest(
                "POST", inBody ? Map.of() : api, names, signed::get, payload)));
        headers.put("Authorization", "ACS3-HMAC-SHA256 Credential=" + DevSeed.KEY_ID + ",SignedHeaders=" + String.join(";", names)
                + ",Signature=" + signature);
        return new Signed("POST", query, body, headers);
    }

    private static Signed mutate(Signed request, Scheme scheme, Part part, int position, char replacement) {
        boolean v3 = scheme == Scheme.V3_QUERY || scheme == Scheme.V3_BODY;
        switch (part) {
            case QUERY -> {
                String query = request.query();
                Assume.that(!query.isEmpty());
                String changed = replaceAt(query, position, replacement);
                Assume.that(!decoded(changed).equals(decoded(query)));
                return new Signed(request.method(), changed, request.body(), request.headers());
            }
            case BODY -> {
                String body = request.body();
                Assume.that(!body.isEmpty());
                String changed = replaceAt(body, position, replacement);
                Assume.that(!decoded(changed).equals(decoded(body)));
                return new Signed(request.method(), request.query(), changed, request.headers());
            }
            case SIGNED_HEADER -> {
                Assume.that(v3);
                List<String> signedNames = List.of("x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce",
                        "x-acs-content-sha256", "Host");
                String name = signedNames.get(position % signedNames.size());
                String value = request.headers().get(name);
                String changed = replaceAt(value, position / signedNames.size(), replacement);
                Assume.that(!changed.strip().equals(value.strip()));
                Map<String, String> headers = new LinkedHashMap<>(request.headers());
                headers.put(name, changed);
                return new Signed(request.method(), request.query(), request.body(), headers);
            }
            default -> {
                if (v3) {
                    String authorization = request.headers().get("Authorization");
                    int start = authorization.indexOf("Signature=") + "Signature=".length();
                    String signature = authorization.substring(start);
                    String changed = replaceAt(signature, position, replacement);
                    Assume.that(!changed.equalsIgnoreCase(signature));
                    Map<String, String> headers = new LinkedHashMap<>(request.headers());
                    headers.put("Authorization", authorization.substring(0, start) + changed);
                    return new Signed(request.method(), request.query(), request.body(), headers);
                }
                String text = scheme == Scheme.V1_BODY ? request.query() : request.query();
                int start = text.indexOf("Signature=") + "Signature=".length();
                String signature = text.substring(start);
                String changed = replaceAt(signature, position, replacement);
                Assume.that(!decodedValue(changed).equals(decodedValue(signature)));
                return new Signed(request.method(), text.substring(0, start) + changed, request.body(), request.headers());
            }
        }
    }

    private static String replaceAt(String text, int position, char replacement) {
        int at = position % text.length();
        return text.substring(0, at) + replacement + text.substring(at + 1);
    }

    private static String form(Map<String, String> params) {
        StringJoiner joined = new StringJoiner("&");
        params.forEach((name, value) -> joined.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return joined.toString();
    }

    /** The parameters a form text means, or a marker when it no longer decodes (the server refuses those). */
    private static Map<String, String> decoded(String form) {
        Map<String, String> params = new TreeMap<>();
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            params.put(decodedValue(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decodedValue(pair.substring(eq + 1)));
        }
        return params;
    }

    private static String decodedValue(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return "\u0000malformed:" + value;
        }
    }
}
