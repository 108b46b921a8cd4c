package dev.ensemu.bench;

import dev.ensemu.api.DescribeExportImageInfoApi;
import dev.ensemu.api.model.DescribeExportImageInfoRequest;
import dev.ensemu.api.model.DescribeExportImageInfoResponse;
import dev.ensemu.server.operations.describeexportimageinfo.DescribeExportImageInfoHandler;
import dev.ensemu.server.rpc.Operation;
import dev.ensemu.server.auth.AuthMode;
import dev.ensemu.server.auth.Authenticator;
import dev.ensemu.server.auth.Caller;
import dev.ensemu.server.auth.Hashes;
import dev.ensemu.server.auth.NonceRegistry;
import dev.ensemu.server.auth.V3Signature;
import dev.ensemu.server.domain.AccessKey;
import dev.ensemu.server.domain.Account;
import dev.ensemu.server.domain.AccountDirectory;
import dev.ensemu.server.rpc.ResponseFormat;
import dev.ensemu.server.rpc.RpcCall;
import dev.ensemu.server.rpc.RpcParameters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Full verification of one signed DescribeExportImageInfo call, as the server does it: key
 * lookup, timestamp, canonical string, HMAC, constant-time compare, nonce registration.
 * Requests are signed in advance with distinct nonces; the registry is renewed when they run out.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class SignatureVerificationBenchmark {
    private static final String KEY = DevKeyRequests.KEY_ID;
    private static final String SECRET = DevKeyRequests.SECRET;
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final int PRESIGNED = 1 << 16;

    @Param({"V1", "V3"})
    public String scheme;

    private RpcCall[] calls;
    private int next;
    private Authenticator authenticator;
    private AccountDirectory directory;
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @Setup(Level.Trial)
    public void presign() {
        directory = new AccountDirectory(List.of(new Account("a", List.of(new AccessKey(KEY, SECRET)),
                Set.of("ens:DescribeExportImageInfo"), List.of())));
        calls = new RpcCall[PRESIGNED];
        for (int i = 0; i < PRESIGNED; i++) {
            calls[i] = "V1".equals(scheme) ? v1Call("nonce-" + i) : v3Call("nonce-" + i);
        }
        renewNonces();
    }

    private void renewNonces() {
        authenticator = new Authenticator(() -> directory, AuthMode.VERIFY, clock,
                java.util.Optional.of(new NonceRegistry(clock, Duration.ofMinutes(15), PRESIGNED)));
    }

    @Benchmark
    public Caller verify() {
        if (next == PRESIGNED) {
            next = 0;
            renewNonces();
        }
        return authenticator.authenticate(calls[next++]);
    }

    /** The operation the calls name; only its RAM action is read while authenticating. */
    private static final Operation DESCRIBE = Operation.of("DescribeExportImageInfo", DescribeExportImageInfoApi.class,
            DescribeExportImageInfoRequest.class, DescribeExportImageInfoResponse.class, new DescribeExportImageInfoHandler(null));

    private static RpcCall v1Call(String nonce) {
        Map<String, String> api = new LinkedHashMap<>();
        api.put("PageSize", "10");
        api.put("ImageName", "a b*c~d+e/f");
        Map<String, String> params = DevKeyRequests.signedV1("GET", api, nonce, NOW.toString());
        RpcParameters query = RpcParameters.parse(wire(params));
        return new RpcCall("GET", query, RpcParameters.NONE, query, Map.of(), new byte[0], ResponseFormat.JSON, DESCRIBE);
    }

    private static RpcCall v3Call(String nonce) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("PageSize", "10");
        query.put("ImageName", "a b*c~d+e/f");
        String payload = Hashes.sha256Hex(new byte[0]);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", "127.0.0.1:8080");
        headers.put("x-acs-action", "DescribeExportImageInfo");
        headers.put("x-acs-content-sha256", payload);
        headers.put("x-acs-date", NOW.toString());
        headers.put("x-acs-signature-nonce", nonce);
        headers.put("x-acs-version", "2017-11-10");
        List<String> signed = List.copyOf(headers.keySet());
        String signature = V3Signature.sign(SECRET, V3Signature.stringToSign(
                V3Signature.canonicalRequest("POST", query, signed, headers::get, payload)));
        Map<String, List<String>> all = new LinkedHashMap<>();
        headers.forEach((name, value) -> all.put(name, List.of(value)));
        all.put("Authorization", List.of( V3Signature.ALGORITHM + " Credential=" + KEY + ",SignedHeaders="
                + String.join(";", signed) + ",Signature=" + signature));
        RpcParameters parsed = RpcParameters.parse(wire(query));
        return new RpcCall("POST", parsed, RpcParameters.NONE, parsed, all, new byte[0], ResponseFormat.JSON, DESCRIBE);
    }

    private static String wire(Map<String, String> params) {
        StringJoiner joined = new StringJoiner("&");
        params.forEach((name, value) -> joined.add(name + "=" + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)));
        return joined.toString();
    }
}
