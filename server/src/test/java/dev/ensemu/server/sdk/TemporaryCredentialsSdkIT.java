package dev.ensemu.server.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.tea.TeaException;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teaopenapi.models.OpenApiRequest;
import com.aliyun.teaopenapi.models.Params;
import com.aliyun.teautil.models.RuntimeOptions;
import com.aliyuncs.CommonRequest;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.auth.AlibabaCloudCredentials;
import com.aliyuncs.auth.BasicCredentials;
import com.aliyuncs.auth.BasicSessionCredentials;
import com.aliyuncs.auth.SignatureVersion;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ensemu.server.support.EnsCalls;
import dev.ensemu.server.support.InProcessServer;
import dev.ensemu.server.support.Admin;
import dev.ensemu.server.support.DevSeed;
import dev.ensemu.server.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * STS credentials and key states through the official SDKs, unchanged: java-core with
 * {@link BasicSessionCredentials} (V1 and V3) and tea-openapi with {@code Config.setSecurityToken}
 * (V3 and v2). Each serves a page with good temporary credentials and surfaces every refusal as its
 * Code: MissingSecurityToken, InvalidSecurityToken.Malformed / .MismatchWithAccessKey / .Expired,
 * InvalidAccessKeyId.Inactive.
 */
class TemporaryCredentialsSdkIT {
    private static final String TOKEN = "sts-sdk-it";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MutableClock CLOCK = new MutableClock(Instant.now());
    @RegisterExtension
    static final InProcessServer emulator = InProcessServer.with(settings -> settings.clock(CLOCK).adminToken(TOKEN));
    private static Admin admin;
    private static String endpoint;

    record Sts(String id, String secret, String token) {}

    @BeforeAll
    static void start() {
        admin = new Admin(emulator.baseUri(), TOKEN);
        endpoint = emulator.baseUri().getHost() + ":" + emulator.baseUri().getPort();
    }

    @AfterEach
    void realTimeAgain() {
        CLOCK.set(Instant.now());
        admin.post("/reset", "");
    }

    private static Sts mint(String accountId, long seconds) throws Exception {
        var answer = admin.post("/sts", "{\"accountId\":\"" + accountId + "\",\"durationSeconds\":" + seconds + "}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("accessKeyId").asText()).startsWith("STS.");
        return new Sts(body.path("accessKeyId").asText(), body.path("accessKeySecret").asText(), body.path("securityToken").asText());
    }

    /** The SDKs as an application uses them, each a way of sending the token. */
    enum Client {
        JAVA_CORE_V1, JAVA_CORE_V3, TEA_V3, TEA_V2;

        /** Calls DescribeExportImageInfo with the key and, unless null, the token; returns TotalCount or throws the SDK's error. */
        int totalCount(String keyId, String secret, String token) throws Exception {
            if (this == JAVA_CORE_V1 || this == JAVA_CORE_V3) {
                AlibabaCloudCredentials credentials = token == null
                        ? new BasicCredentials(keyId, secret) : new BasicSessionCredentials(keyId, secret, token);
                DefaultAcsClient client = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou"), credentials);
                if (this == JAVA_CORE_V3) {
                    client.setSignatureVersion(SignatureVersion.V3);
                }
                CommonRequest request = EnsCalls.commonRequest(endpoint, ProtocolType.HTTP, MethodType.POST);
                return JSON.readTree(client.getCommonResponse(request).getData()).path("TotalCount").asInt();
            }
            Config config = new Config().setAccessKeyId(keyId).setAccessKeySecret(secret).setSecurityToken(token)
                    .setEndpoint(endpoint).setProtocol("HTTP");
            if (this == TEA_V2) {
                config.setSignatureAlgorithm("v2");
            }
            Params params = EnsCalls.teaParams();
            @SuppressWarnings("unchecked")
            Map<String, Object> body = (Map<String, Object>) new com.aliyun.teaopenapi.Client(config)
                    .callApi(params, new OpenApiRequest(), new RuntimeOptions()).get("body");
            return ((Number) body.get("TotalCount")).intValue();
        }

        /** The Code the SDK surfaced. */
        String code(String keyId, String secret, String token) {
            try {
                totalCount(keyId, secret, token);
            } catch (ClientException e) {
                return e.getErrCode();
            } catch (TeaException e) {
                return e.getCode();
            } catch (Exception e) {
                throw new AssertionError("not an SDK error", e);
            }
            throw new AssertionError("the call succeeded");
        }
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void temporaryCredentialsServeTheirAccount(Client client) throws Exception {
        Sts sts = mint("1000000000000001", 3600);

        assertThat(client.totalCount(sts.id(), sts.secret(), sts.token())).isEqualTo(DevSeed.IMAGE_COUNT);
        String journal = admin.get("/journal?limit=10").body();
        assertThat(journal).contains(sts.id()).doesNotContain(sts.token(), sts.secret());
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void everyTokenProblemSurfacesAsItsCode(Client client) throws Exception {
        Sts sts = mint("1000000000000001", 300);
        Sts other = mint("1000000000000002", 3600);

        assertThat(client.code(sts.id(), sts.secret(), null)).isEqualTo("MissingSecurityToken");
        assertThat(client.code(sts.id(), sts.secret(), "CAISnotOneOfOurs")).isEqualTo("InvalidSecurityToken.Malformed");
        assertThat(client.code(sts.id(), sts.secret(), other.token())).isEqualTo("InvalidSecurityToken.MismatchWithAccessKey");
        assertThat(client.code(DevSeed.KEY_ID, DevSeed.SECRET, other.token())).isEqualTo("InvalidSecurityToken.MismatchWithAccessKey");

        // Ten minutes on: the five-minute credentials are past their expiry, the request time still inside the window.
        CLOCK.set(Instant.now().plus(Duration.ofMinutes(10)));
        assertThat(client.code(sts.id(), sts.secret(), sts.token())).isEqualTo("InvalidSecurityToken.Expired");
        assertThat(client.totalCount(other.id(), other.secret(), other.token())).isEqualTo(DevSeed.OTHER_IMAGE_COUNT);
    }

    @ParameterizedTest
    @EnumSource(Client.class)
    void aDisabledKeyIsInactiveUntilEnabledAgain(Client client) throws Exception {
        Sts sts = mint("1000000000000001", 3600);
        assertThat(admin.put("/accounts/1000000000000001/access-keys/" + DevSeed.KEY_ID + "/status", "{\"status\":\"Inactive\"}")
                .status()).isEqualTo(200);
        assertThat(admin.put("/accounts/1000000000000001/access-keys/" + sts.id() + "/status", "{\"status\":\"Inactive\"}")
                .body()).contains("\"temporary\":true", "\"status\":\"Inactive\"");

        assertThat(client.code(DevSeed.KEY_ID, DevSeed.SECRET, null)).isEqualTo("InvalidAccessKeyId.Inactive");
        assertThat(client.code(sts.id(), sts.secret(), sts.token())).isEqualTo("InvalidAccessKeyId.Inactive");

        admin.put("/accounts/1000000000000001/access-keys/" + DevSeed.KEY_ID + "/status", "{\"status\":\"Active\"}");
        assertThat(client.totalCount(DevSeed.KEY_ID, DevSeed.SECRET, null)).isEqualTo(DevSeed.IMAGE_COUNT);
    }
}
