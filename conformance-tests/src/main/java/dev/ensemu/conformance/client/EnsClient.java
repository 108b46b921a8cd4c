package dev.ensemu.conformance.client;

import dev.ensemu.conformance.endpoint.SignatureScheme;
import dev.ensemu.conformance.endpoint.Target;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns a {@link Call} into exact bytes on the wire (signed as the target asks), sends it with
 * REST Assured, validates the answer against the OpenAPI document and records the exchange.
 */
public final class EnsClient {
    private static final String FORM = "application/x-www-form-urlencoded";

    private final Target target;
    private final RestAssuredConfig config;

    public EnsClient(Target target) {
        this.target = target;
        int timeoutMillis = (int) target.timeout().toMillis();
        this.config = RestAssuredConfig.config()
                .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false))
                .sslConfig(Tls.restAssured(target))
                .httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.connection.timeout", timeoutMillis)
                        .setParam("http.socket.timeout", timeoutMillis));
    }

    public static EnsClient forCurrentTarget() {
        return new EnsClient(Target.current());
    }

    public Target target() {
        return target;
    }

    /** The exact request a call becomes: method, path with query, headers, body. */
    public record WireRequest(String method, String target, Map<String, String> headers, byte[] body) {
        public boolean hasBody() {
            return body.length > 0 || headers.containsKey("Content-Type");
        }

        @Override
        public String toString() {
            return method + " " + target + (body.length > 0 ? " body " + new String(body, StandardCharsets.UTF_8) : "");
        }
    }

    public Answer send(Call call) {
        WireRequest wire = prepare(call);
        RequestSpecification request = RestAssured.given()
                .config(config)
                .baseUri(target.endpoint().toString())
                .urlEncodingEnabled(false)
                .filter(SchemaValidation.filterFor(call.action))
                .headers(wire.headers());
        if (wire.hasBody()) {
            // Percent-encoded, so ASCII; as text because REST Assured cannot send bytes as a form.
            request.body(new String(wire.body(), StandardCharsets.US_ASCII));
        }
        Response response = request.request(wire.method(), wire.target());
        Map<String, String> answerHeaders = new LinkedHashMap<>();
        response.getHeaders().forEach(h -> answerHeaders.putIfAbsent(h.getName(), h.getValue()));
        Answer answer = new Answer(wire.toString(), response.getStatusCode(), answerHeaders, response.getBody().asString());
        Exchanges.record(answer);
        return answer;
    }

    /** Signs and encodes a call without sending it (for checks that frame the bytes themselves). */
    public WireRequest prepare(Call call) {
        List<Map.Entry<String, String>> query = new ArrayList<>(call.query);
        List<Map.Entry<String, String>> form = new ArrayList<>(call.form);
        Map<String, String> headers = new LinkedHashMap<>(call.headers);
        if (call.naming == Call.Naming.PARAMETERS_AND_HEADERS) {
            query.add(0, Map.entry("Action", call.action));
            query.add(1, Map.entry("Version", call.version));
        }
        if (call.naming != Call.Naming.NONE) {
            headers.putIfAbsent("x-acs-action", call.action);
            headers.putIfAbsent("x-acs-version", call.version);
        }
        boolean hasBody = !form.isEmpty() || call.signatureInBody;
        if (hasBody) {
            headers.putIfAbsent("Content-Type", FORM);
        }

        SignatureScheme scheme = call.signed ? target.signature() : SignatureScheme.NONE;
        String keyId = call.keyId.or(target::accessKeyId).orElse("");
        String secret = call.secret.or(target::accessKeySecret).orElse("");
        Instant time = call.timestamp.orElseGet(Instant::now).truncatedTo(ChronoUnit.SECONDS);
        String nonce = call.nonce.orElseGet(() -> UUID.randomUUID().toString());
        // The run's token goes with the run's own key; a call may send another token or none.
        Optional<String> token = call.securityToken.orElseGet(() -> call.keyId.isPresent() ? Optional.empty() : target.securityToken());
        if (scheme == SignatureScheme.V1) {
            List<Map.Entry<String, String>> into = call.signatureInBody ? form : query;
            token.ifPresent(t -> into.add(Map.entry("SecurityToken", t)));
            Map<String, String> signing = new LinkedHashMap<>();
            signing.put("AccessKeyId", keyId);
            signing.put("SignatureMethod", "HMAC-SHA1");
            signing.put("SignatureVersion", "1.0");
            signing.put("SignatureNonce", nonce);
            signing.put("Timestamp", time.toString());
            signing.putAll(call.signatureTexts);
            signing.forEach((name, value) -> {
                if (!call.omitted.contains(name)) {
                    into.add(Map.entry(name, value));
                }
            });
            TreeMap<String, String> all = new TreeMap<>();
            query.forEach(p -> all.putIfAbsent(p.getKey(), p.getValue()));
            form.forEach(p -> all.putIfAbsent(p.getKey(), p.getValue()));
            if (!call.omitted.contains("Signature")) {
                into.add(Map.entry("Signature", RpcSigner.v1Signature(call.method, all, secret)));
            }
        }
        tamper(query, call);
        tamper(form, call);
        String rawQuery = encode(query, call);
        byte[] body = encode(form, call).getBytes(StandardCharsets.UTF_8);
        if (scheme == SignatureScheme.V3) {
            String payloadHash = RpcSigner.sha256Hex(body);
            if (!call.omitted.contains("x-acs-date")) {
                headers.put("x-acs-date", time.toString());
            }
            if (!call.omitted.contains("x-acs-signature-nonce")) {
                headers.put("x-acs-signature-nonce", nonce);
            }
            headers.put("x-acs-content-sha256", payloadHash);
            token.ifPresent(t -> headers.put("x-acs-security-token", t));
            TreeMap<String, String> signedHeaders = new TreeMap<>();
            headers.forEach((name, value) -> {
                String lower = name.toLowerCase();
                if (lower.startsWith("x-acs-") || lower.equals("content-type")) {
                    signedHeaders.put(lower, value);
                }
            });
            signedHeaders.put("host", hostHeader());
            TreeMap<String, String> signedQuery = new TreeMap<>();
            call.query.forEach(p -> signedQuery.putIfAbsent(p.getKey(), p.getValue()));
            if (call.naming == Call.Naming.PARAMETERS_AND_HEADERS) {
                signedQuery.put("Action", call.action);
                signedQuery.put("Version", call.version);
            }
            // Signed over the query as the check wrote it; any tampering is already in rawQuery.
            headers.put("Authorization", RpcSigner.v3Authorization(call.method, signedQuery, signedHeaders, payloadHash, keyId, secret));
        }

        return new WireRequest(call.method, call.path + (rawQuery.isEmpty() ? "" : "?" + rawQuery), headers,
                hasBody ? body : new byte[0]);
    }

    private String hostHeader() {
        int port = target.endpoint().getPort();
        boolean defaultPort = port < 0 || (port == 80 && "http".equals(target.endpoint().getScheme()))
                || (port == 443 && "https".equals(target.endpoint().getScheme()));
        return target.endpoint().getHost() + (defaultPort ? "" : ":" + port);
    }

    private static void tamper(List<Map.Entry<String, String>> params, Call call) {
        params.replaceAll(p -> call.tampered.containsKey(p.getKey()) ? Map.entry(p.getKey(), call.tampered.get(p.getKey())) : p);
    }

    private static String encode(List<Map.Entry<String, String>> params, Call call) {
        return params.stream()
                .map(p -> RpcSigner.percentEncode(p.getKey()) + "=" + call.wireEncoding.apply(p.getValue()))
                .collect(Collectors.joining("&"));
    }
}
