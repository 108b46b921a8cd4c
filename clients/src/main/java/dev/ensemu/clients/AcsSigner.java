package dev.ensemu.clients;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs the requests of the generated Java ({@code native}) client with ACS3-HMAC-SHA256, as ENS
 * and the official SDKs do: {@code apiClient.setRequestInterceptor(new AcsSigner(id, secret))}.
 */
public final class AcsSigner implements Consumer<HttpRequest.Builder> {
    private static final List<String> SIGNED = List.of("host", "x-acs-action", "x-acs-content-sha256", "x-acs-date",
            "x-acs-signature-nonce", "x-acs-version");
    private final String accessKeyId;
    private final String accessKeySecret;

    public AcsSigner(String accessKeyId, String accessKeySecret) {
        this.accessKeyId = accessKeyId;
        this.accessKeySecret = accessKeySecret;
    }

    @Override
    public void accept(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        URI uri = request.uri();
        TreeMap<String, String> query = new TreeMap<>();
        for (String pair : uri.getRawQuery() == null ? new String[0] : uri.getRawQuery().split("&")) {
            String[] nameValue = pair.split("=", 2);
            query.put(encode(decode(nameValue[0])), encode(decode(nameValue.length > 1 ? nameValue[1] : "")));
        }
        TreeMap<String, String> headers = new TreeMap<>();
        headers.put("host", uri.getRawAuthority());
        headers.put("x-acs-action", decode(query.getOrDefault("Action", "")));
        headers.put("x-acs-version", decode(query.getOrDefault("Version", "")));
        headers.put("x-acs-date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        headers.put("x-acs-signature-nonce", UUID.randomUUID().toString());
        headers.put("x-acs-content-sha256", hex(sha256(body(request))));

        StringBuilder canonical = new StringBuilder(request.method()).append("\n/\n");
        List<String> pairs = new ArrayList<>();
        query.forEach((name, value) -> pairs.add(name + "=" + value));
        canonical.append(String.join("&", pairs)).append('\n');
        headers.forEach((name, value) -> canonical.append(name).append(':').append(value).append('\n'));
        canonical.append('\n').append(String.join(";", SIGNED)).append('\n').append(headers.get("x-acs-content-sha256"));
        String stringToSign = "ACS3-HMAC-SHA256\n" + hex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));

        headers.remove("host"); // the JDK sends Host itself, from the URI
        headers.forEach(builder::setHeader);
        builder.setHeader("Authorization", "ACS3-HMAC-SHA256 Credential=" + accessKeyId + ",SignedHeaders="
                + String.join(";", SIGNED) + ",Signature=" + hex(hmacSha256(stringToSign)));
    }

    /** The bytes the body publisher will send (the generated client's publishers can be read again). */
    private static byte[] body(HttpRequest request) {
        if (request.bodyPublisher().isEmpty()) {
            return new byte[0];
        }
        CompletableFuture<byte[]> bytes = new CompletableFuture<>();
        request.bodyPublisher().get().subscribe(new Flow.Subscriber<ByteBuffer>() {
            private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                out.writeBytes(chunk);
            }

            @Override
            public void onError(Throwable throwable) {
                bytes.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                bytes.complete(out.toByteArray());
            }
        });
        return bytes.join();
    }

    /** RFC 3986: everything but letters, digits and {@code -_.~} percent-encoded, space as %20. */
    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] hmacSha256(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(accessKeySecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
