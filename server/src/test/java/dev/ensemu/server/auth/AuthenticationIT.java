package dev.ensemu.server.auth;

import static dev.ensemu.server.support.Http.ACTION;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ensemu.server.EmulatorConfig;
import dev.ensemu.server.EnsEmulator;
import dev.ensemu.server.support.DevSeed;
import dev.ensemu.server.support.Http;
import dev.ensemu.server.support.InProcessServer;
import dev.ensemu.server.support.MutableClock;
import dev.ensemu.server.support.V1Requests;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The signature rows of the error table, their order, accounts and modes, over real sockets. */
class AuthenticationIT {
    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");
    private static final MutableClock clock = new MutableClock(NOW);
    @RegisterExtension
    static final InProcessServer verifying = InProcessServer.with(settings -> settings.clock(clock));
    @RegisterExtension
    static final InProcessServer anonymous = InProcessServer.with(settings -> settings.clock(clock).auth(AuthMode.ANONYMOUS));
    private static Http http;

    @BeforeAll
    static void start() {
        http = new Http(verifying.baseUri());
    }

    @BeforeEach
    void resetClock() {
        clock.set(NOW);
    }

    private static Map<String, String> signed(Map<String, String> api, String keyId, String secret, Instant timestamp) {
        return V1Requests.signed("GET", api, keyId, secret, timestamp);
    }

    private static Map<String, String> devSigned(Map<String, String> api) {
        return signed(api, DevSeed.KEY_ID, DevSeed.SECRET, NOW);
    }

    private static void assertCode(Http.Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.code()).isEqualTo(code);
    }

    @Test
    void correctlySignedRequestIsServed() {
        Http.Answer answer = http.get(V1Requests.toQuery(devSigned(Map.of("PageSize", "5"))));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("TotalCount").asInt()).isEqualTo(DevSeed.IMAGE_COUNT);
    }

    @Test
    void unsignedRequestIsIncompleteInVerifyMode() {
        assertCode(http.get(ACTION), 400, "IncompleteSignature");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Signature", "SignatureNonce", "Timestamp", "SignatureMethod"})
    void missingSignatureParameterIsNamed(String name) {
        Map<String, String> params = new LinkedHashMap<>(devSigned(Map.of()));
        params.remove(name);

        Http.Answer answer = http.get(V1Requests.toQuery(params));

        assertCode(answer, 400, "MissingParameter");
        assertThat(answer.json().path("Message").asText()).contains(name);
    }

    @Test
    void missingAccessKeyIdIsNamed() {
        Map<String, String> params = new LinkedHashMap<>(devSigned(Map.of()));
        params.remove("AccessKeyId");

        Http.Answer answer = http.get(V1Requests.toQuery(params));

        assertCode(answer, 400, "MissingParameter");
        assertThat(answer.json().path("Message").asText()).contains("AccessKeyId");
    }

    @Test
    void unknownAccessKeyIsNotFound() {
        assertCode(http.get(V1Requests.toQuery(signed(Map.of(), "LTAInobody", "secret", NOW))), 404,
                "InvalidAccessKeyId.NotFound");
    }

    @Test
    void unsupportedSignatureMethodIsIncomplete() {
        Map<String, String> params = new LinkedHashMap<>(devSigned(Map.of()));
        params.put("SignatureMethod", "HMAC-SHA256");

        assertCode(http.get(V1Requests.toQuery(V1Requests.sign("GET", params, DevSeed.SECRET))), 400, "IncompleteSignature");
    }

    @Test
    void unsupportedSignatureVersionIsIncomplete() {
        Map<String, String> params = new LinkedHashMap<>(devSigned(Map.of()));
        params.put("SignatureVersion", "2.0");

        assertCode(http.get(V1Requests.toQuery(V1Requests.sign("GET", params, DevSeed.SECRET))), 400, "IncompleteSignature");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic dGVzdA==", "ACS3-HMAC-SHA256", "ACS3-HMAC-SHA256 Credential=x",
            "ACS3-HMAC-SHA256 Credential=x,SignedHeaders=host", "ACS4-HMAC-SM3 Credential=x,SignedHeaders=host,Signature=ab"})
    void malformedAuthorizationIsIncomplete(String authorization) {
        assertCode(http.send(HttpRequest.newBuilder(http.uri("/", ACTION)).header("Authorization", authorization).GET()),
                400, "IncompleteSignature");
    }

    @Test
    void v3WithUnknownCredentialIsNotFound() {
        Http.Answer answer = http.send(HttpRequest.newBuilder(http.uri("/", ACTION))
                .header("Authorization", "ACS3-HMAC-SHA256 Credential=LTAInobody,SignedHeaders=x-acs-date,Signature=ab")
                .header("x-acs-date", NOW.toString()).header("x-acs-signature-nonce", "n").GET());

        assertCode(answer, 404, "InvalidAccessKeyId.NotFound");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-06-01 10:00:00", "2026-06-01T10:00:00", "1717236000"})
    void unparsableTimestampIsAFormatError(String timestamp) {
        Map<String, String> params = new LinkedHashMap<>(devSigned(Map.of()));
        params.put("Timestamp", timestamp);

        assertCode(http.get(V1Requests.toQuery(V1Requests.sign("GET", params, DevSeed.SECRET))), 400, "InvalidTimeStamp.Format");
    }

    @Test
    void clockSkewBeyondFifteenMinutesEitherWayIsExpired() {
        Duration beyond = Duration.ofMinutes(15).plusSeconds(1);
        assertCode(http.get(V1Requests.toQuery(signed(Map.of(), DevSeed.KEY_ID, DevSeed.SECRET, NOW.minus(beyond)))),
                400, "InvalidTimeStamp.Expired");
        assertCode(http.get(V1Requests.toQuery(signed(Map.of(), DevSeed.KEY_ID, DevSeed.SECRET, NOW.plus(beyond)))),
                400, "InvalidTimeStamp.Expired");

        Duration within = Duration.ofMinutes(14);
        assertThat(http.get(V1Requests.toQuery(signed(Map.of(), DevSeed.KEY_ID, DevSeed.SECRET, NOW.minus(within)))).status())
                .isEqualTo(200);
        assertThat(http.get(V1Requests.toQuery(signed(Map.of(), DevSeed.KEY_ID, DevSeed.SECRET, NOW.plus(within)))).status())
                .isEqualTo(200);
    }

    @Test
    void wrongSignatureShowsTheServerStringToSignButNoSecret() {
        Map<String, String> params = signed(Map.of("PageSize", "5"), DevSeed.KEY_ID, "not-the-secret", NOW);

        Http.Answer answer = http.get(V1Requests.toQuery(params));

        assertCode(answer, 400, "SignatureDoesNotMatch");
        assertThat(answer.json().path("Message").asText()).contains("server string to sign is:GET&%2F&AccessKeyId%3D" + DevSeed.KEY_ID);
        assertThat(answer.body()).doesNotContain(DevSeed.SECRET).doesNotContain(params.get("Signature"));
    }

    @Test
    void changedParameterAfterSigningDoesNotMatch() {
        Map<String, String> params = new LinkedHashMap<>(devSigned(Map.of("PageSize", "5")));
        params.put("PageSize", "6");

        assertCode(http.get(V1Requests.toQuery(params)), 400, "SignatureDoesNotMatch");
    }

    @Test
    void nonceIsUsableOncePerKeyAndOnlyAfterAGoodSignature() {
        Map<String, String> good = devSigned(Map.of());
        Map<String, String> badWithSameNonce = new LinkedHashMap<>(good);
        badWithSameNonce.put("Signature", "AAAA" + good.get("Signature").substring(4));

        assertCode(http.get(V1Requests.toQuery(badWithSameNonce)), 400, "SignatureDoesNotMatch");
        assertThat(http.get(V1Requests.toQuery(good)).status()).isEqualTo(200);
        assertCode(http.get(V1Requests.toQuery(good)), 400, "SignatureNonceUsed");
        // after a replay attempt, a bad signature is still reported as such (signature before nonce)
        assertCode(http.get(V1Requests.toQuery(badWithSameNonce)), 400, "SignatureDoesNotMatch");

        Map<String, String> otherKeySameNonce = new LinkedHashMap<>(good);
        otherKeySameNonce.put("AccessKeyId", DevSeed.OTHER_KEY_ID);
        assertThat(http.get(V1Requests.toQuery(V1Requests.sign("GET", otherKeySameNonce, DevSeed.OTHER_SECRET))).status())
                .isEqualTo(200);
    }

    @Test
    void replayProtectionCanBeSwitchedOffForBenchmarksButSignaturesStillCount() {
        try (EnsEmulator replayable = EnsEmulator.start(EmulatorConfig.builder().port(0).clock(clock).replayProtection(false).build())) {
            Http replayHttp = new Http(replayable.baseUri());
            String query = V1Requests.toQuery(devSigned(Map.of()));
            assertThat(replayHttp.get(query).status()).isEqualTo(200);
            assertThat(replayHttp.get(query).status()).isEqualTo(200);
            assertCode(replayHttp.get(V1Requests.toQuery(signed(Map.of(), DevSeed.KEY_ID, "wrong", NOW))), 400, "SignatureDoesNotMatch");
        }
    }

    @Test
    void checksRunKeyThenTimestampThenSignature() {
        Instant stale = NOW.minus(Duration.ofHours(1));
        assertCode(http.get(V1Requests.toQuery(signed(Map.of(), "LTAInobody", "x", stale))), 404, "InvalidAccessKeyId.NotFound");
        assertCode(http.get(V1Requests.toQuery(signed(Map.of(), DevSeed.KEY_ID, "wrong", stale))), 400, "InvalidTimeStamp.Expired");
    }

    @Test
    void accountWithoutThePermissionIsRefusedAfterItsNonceIsRecorded() {
        Map<String, String> params = signed(Map.of(), DevSeed.NO_PERMISSION_KEY_ID, DevSeed.NO_PERMISSION_SECRET, NOW);

        assertCode(http.get(V1Requests.toQuery(params)), 400, "NoPermission");
        // The signature was good, so the nonce is used before permission is judged: the same call is now a replay.
        assertCode(http.get(V1Requests.toQuery(params)), 400, "SignatureNonceUsed");
    }

    @Test
    void aReadOnlyAccountMayDescribeButNotExport() {
        JsonNode listing = http.get(V1Requests.toQuery(signed(Map.of(), DevSeed.READ_ONLY_KEY_ID, DevSeed.READ_ONLY_SECRET, NOW))).json();
        assertThat(listing.path("TotalCount").asInt()).isEqualTo(DevSeed.READ_ONLY_IMAGE_COUNT);
        String imageId = listing.path("Images").path("Image").get(0).path("ImageId").asText();

        Http.Answer status = http.get(V1Requests.toQuery(signed(Map.of("Action", "DescribeExportImageStatus", "ImageId", imageId),
                DevSeed.READ_ONLY_KEY_ID, DevSeed.READ_ONLY_SECRET, NOW)));
        assertThat(status.status()).as(status.body()).isEqualTo(200);
        assertCode(http.get(V1Requests.toQuery(signed(Map.of("Action", "ExportImage", "ImageId", imageId, "OSSBucket", "bucket",
                "OSSRegionId", "cn-beijing"), DevSeed.READ_ONLY_KEY_ID, DevSeed.READ_ONLY_SECRET, NOW))), 400, "NoPermission");
    }

    @Test
    void eachKeySeesOnlyItsOwnAccountsImages() {
        JsonNode other = http.get(V1Requests.toQuery(signed(Map.of("PageSize", "50"), DevSeed.OTHER_KEY_ID,
                DevSeed.OTHER_SECRET, NOW))).json();
        JsonNode dev = http.get(V1Requests.toQuery(devSigned(Map.of("PageSize", "50")))).json();

        assertThat(other.path("TotalCount").asInt()).isEqualTo(DevSeed.OTHER_IMAGE_COUNT);
        assertThat(dev.path("TotalCount").asInt()).isEqualTo(DevSeed.IMAGE_COUNT);
        other.path("Images").path("Image").forEach(i -> assertThat(i.path("ImageId").asText()).startsWith("m-oth"));
        dev.path("Images").path("Image").forEach(i -> assertThat(i.path("ImageId").asText()).startsWith("m-dev"));
        String devImageId = dev.path("Images").path("Image").get(0).path("ImageId").asText();
        JsonNode probe = http.get(V1Requests.toQuery(signed(Map.of("ImageId", devImageId), DevSeed.OTHER_KEY_ID,
                DevSeed.OTHER_SECRET, NOW))).json();
        assertThat(probe.path("TotalCount").asInt()).isZero();
    }

    @Test
    void signatureMayTravelInTheFormBodyWithEverythingElse() {
        Map<String, String> params = V1Requests.signed("POST", Map.of("PageSize", "2"), DevSeed.KEY_ID, DevSeed.SECRET, NOW);

        Http.Answer answer = http.postForm("", V1Requests.toQuery(params));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("Images").path("Image")).hasSize(2);
    }

    @Test
    void signatureCoversQueryAndBodyTogether() {
        Map<String, String> params = V1Requests.signed("POST", Map.of("PageSize", "2", "ImageName", "centos-7.9-web"),
                DevSeed.KEY_ID, DevSeed.SECRET, NOW);
        Map<String, String> body = new LinkedHashMap<>();
        body.put("PageSize", params.remove("PageSize"));
        body.put("ImageName", params.remove("ImageName"));

        Http.Answer answer = http.postForm(V1Requests.toQuery(params), V1Requests.toQuery(body));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("TotalCount").asInt()).isEqualTo(3);
    }

    @Test
    void anonymousModeServesUnsignedRequestsForTheFirstAccount() {
        Http.Answer answer = new Http(anonymous.baseUri()).get(ACTION);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("TotalCount").asInt()).isEqualTo(DevSeed.IMAGE_COUNT);
    }

    @Test
    void anonymousModeStillRefusesABadSignature() {
        Http anonymousHttp = new Http(anonymous.baseUri());
        assertCode(anonymousHttp.get(V1Requests.toQuery(signed(Map.of(), DevSeed.KEY_ID, "wrong", NOW))), 400,
                "SignatureDoesNotMatch");
        assertCode(anonymousHttp.get(V1Requests.toQuery(signed(Map.of(), "LTAInobody", "x", NOW))), 404,
                "InvalidAccessKeyId.NotFound");
        JsonNode other = anonymousHttp.get(V1Requests.toQuery(signed(Map.of(), DevSeed.OTHER_KEY_ID, DevSeed.OTHER_SECRET, NOW))).json();
        assertThat(other.path("TotalCount").asInt()).isEqualTo(DevSeed.OTHER_IMAGE_COUNT);
    }
}
