package dev.ensemu.server.proxy;

import dev.ensemu.server.auth.Hashes;
import dev.ensemu.server.auth.PercentEncoding;
import dev.ensemu.server.auth.SignatureScheme;
import dev.ensemu.server.auth.V1Signature;
import dev.ensemu.server.auth.V3Signature;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Sends calls to the upstream signed with its key: V1 or V3 as the caller signed (V3 for an
 * unsigned caller), a fresh nonce and timestamp each time, the caller's parameters where the
 * caller put them. The signing follows docs/wire-protocol.md, with the canonical forms the server
 * verifies with ({@link V1Signature}, {@link V3Signature}).
 */
public final class UpstreamClient {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_INSTANT;
    private static final String FORM = "application/x-www-form-urlencoded";

    private final UpstreamConfig config;
    private final Clock clock;
    private final HttpClient http;

    /** @param clock the real time: the upstream judges timestamps by its own clock */
    public UpstreamClient(UpstreamConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.timeout()).followRedirects(HttpClient.Redirect.NEVER);
        config.trustCert().ifPresent(file -> builder.sslContext(trusting(file)));
        this.http = builder.build();
    }

    public URI endpoint() {
        return config.endpoint();
    }

    public UpstreamAnswer send(ForwardedCall call) throws UpstreamFailure {
        HttpRequest request = call.scheme() == SignatureScheme.V1 ? signV1(call) : signV3(call);
        CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            HttpResponse<byte[]> response = pending.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
            return new UpstreamAnswer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValue("x-acs-request-id").orElse(null), response.body());
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new UpstreamFailure(UpstreamFailure.Kind.UNAVAILABLE, "no answer within " + config.timeout().toMillis() + " ms");
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new UpstreamFailure(UpstreamFailure.Kind.UNAVAILABLE, "interrupted while waiting");
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        }
    }

    private static UpstreamFailure failure(Throwable cause) {
        if (cause instanceof ProtocolException) {
            return new UpstreamFailure(UpstreamFailure.Kind.NOT_HTTP, "not an HTTP answer (" + cause.getMessage() + ")");
        }
        if (cause instanceof ConnectException) {
            return new UpstreamFailure(UpstreamFailure.Kind.UNAVAILABLE, "cannot connect");
        }
        return new UpstreamFailure(UpstreamFailure.Kind.UNAVAILABLE, "the connection failed (" + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")");
    }

    /** V1: the caller's parameters plus the signature's, signed over all of them, in the query but for the caller's form. */
    private HttpRequest signV1(ForwardedCall call) {
        Map<String, String> query = new LinkedHashMap<>(call.query());
        if (!call.query().containsKey("Action") && !call.form().containsKey("Action")) {
            query.put("Action", call.action());
        }
        if (!call.query().containsKey("Version") && !call.form().containsKey("Version")) {
            query.put("Version", call.version());
        }
        query.put("AccessKeyId", config.keyId());
        query.put("SignatureMethod", "HMAC-SHA1");
        query.put("SignatureVersion", "1.0");
        query.put("SignatureNonce", UUID.randomUUID().toString());
        query.put("Timestamp", TIMESTAMP.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
        config.securityToken().ifPresent(token -> query.put("SecurityToken", token));
        Map<String, String> signed = new LinkedHashMap<>(query);
        signed.putAll(call.form());
        query.put(V1Signature.SIGNATURE, V1Signature.sign(config.keySecret(), V1Signature.stringToSign(call.method(), signed, true)));
        return request(call, query, List.of());
    }

    /** V3: the caller's parameters as they were, the Action and Version as headers, the signature in Authorization. */
    private HttpRequest signV3(ForwardedCall call) {
        byte[] body = encode(call.form()).getBytes(StandardCharsets.UTF_8);
        TreeMap<String, String> headers = new TreeMap<>();
        headers.put("host", config.endpoint().getRawAuthority());
        headers.put("x-acs-action", call.action());
        headers.put("x-acs-version", call.version());
        headers.put("x-acs-date", TIMESTAMP.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
        headers.put("x-acs-signature-nonce", UUID.randomUUID().toString().replace("-", ""));
        headers.put("x-acs-content-sha256", Hashes.sha256Hex(body));
        config.securityToken().ifPresent(token -> headers.put("x-acs-security-token", token));
        List<String> signedHeaders = List.copyOf(headers.keySet());
        String canonical = V3Signature.canonicalRequest(call.method(), call.query(), signedHeaders, headers::get, headers.get("x-acs-content-sha256"));
        String signature = V3Signature.sign(config.keySecret(), V3Signature.stringToSign(canonical));
        List<String> sent = new ArrayList<>();
        headers.forEach((name, value) -> {
            if (!name.equals("host")) {
                sent.add(name);
                sent.add(value);
            }
        });
        sent.add("Authorization");
        sent.add(V3Signature.ALGORITHM + " Credential=" + config.keyId() + ",SignedHeaders=" + String.join(";", signedHeaders)
                + ",Signature=" + signature);
        return request(call, call.query(), sent);
    }

    private HttpRequest request(ForwardedCall call, Map<String, String> query, List<String> headers) {
        String encodedQuery = encode(query);
        URI uri = URI.create(config.endpoint() + (encodedQuery.isEmpty() ? "" : "?" + encodedQuery));
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(config.timeout());
        for (int i = 0; i < headers.size(); i += 2) {
            builder.header(headers.get(i), headers.get(i + 1));
        }
        if (call.form().isEmpty() && !"POST".equals(call.method())) {
            builder.method(call.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", FORM).method(call.method(), HttpRequest.BodyPublishers.ofString(encode(call.form())));
        }
        return builder.build();
    }

    /** name=value pairs joined by {@code &}, both RFC 3986-encoded: what the official SDKs send. */
    private static String encode(Map<String, String> parameters) {
        StringJoiner joined = new StringJoiner("&");
        parameters.forEach((name, value) -> joined.add(PercentEncoding.encode(name) + "=" + PercentEncoding.encode(value)));
        return joined.toString();
    }

    private static SSLContext trusting(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int n = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("upstream-" + n++, certificate);
            }
            if (n == 0) {
                throw new IllegalArgumentException("--upstream-trust-cert " + pem + " holds no PEM certificate");
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new IllegalArgumentException("--upstream-trust-cert: cannot read " + pem + " (" + e.getClass().getSimpleName() + ")");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("--upstream-trust-cert " + pem + " is not a PEM certificate: " + e.getMessage());
        }
    }
}
