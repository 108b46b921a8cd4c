package dev.ensemu.server.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teaopenapi.models.OpenApiRequest;
import com.aliyun.teautil.models.RuntimeOptions;
import dev.ensemu.server.support.EnsCalls;
import dev.ensemu.server.support.Admin;
import dev.ensemu.server.support.DevSeed;
import dev.ensemu.server.support.Http;
import dev.ensemu.server.support.PackagedServer;
import dev.ensemu.server.support.V1Requests;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** After a run full of signed requests, good and bad, the server's output holds no secret and no signature. */
class LogSecrecyIT {

    @Test
    void logsHoldNoSecretsSignaturesOrAuthorizationHeaders() throws Exception {
        List<String> sentSignatures = new ArrayList<>();
        List<String> stsSecrets = new ArrayList<>();
        String output;
        try (PackagedServer server = PackagedServer.start(List.of(), "--port", "0", "--admin-token", "log-test")) {
            URI base = server.baseUri();
            Http http = new Http(base);
            for (String secret : List.of(DevSeed.SECRET, "a-wrong-secret-value")) {
                Map<String, String> signed = V1Requests.signed("GET", Map.of("PageSize", "51"), DevSeed.KEY_ID, secret, Instant.now());
                sentSignatures.add(signed.get("Signature"));
                http.get(V1Requests.toQuery(signed));
                Map<String, String> good = V1Requests.signed("GET", Map.of("PageSize", "2"), DevSeed.KEY_ID, secret, Instant.now());
                sentSignatures.add(good.get("Signature"));
                http.get(V1Requests.toQuery(good));
            }
            new Admin(base, "log-test").post("/faults", "{\"code\":\"InternalError\",\"times\":1}");
            http.get(V1Requests.toQuery(V1Requests.signed("GET", Map.of(), DevSeed.KEY_ID, DevSeed.SECRET, Instant.now())));
            com.aliyun.teaopenapi.Client tea = new com.aliyun.teaopenapi.Client(new Config().setAccessKeyId(DevSeed.OTHER_KEY_ID)
                    .setAccessKeySecret(DevSeed.OTHER_SECRET).setEndpoint(base.getHost() + ":" + base.getPort()).setProtocol("HTTP"));
            tea.callApi(EnsCalls.teaParams(),
                    new OpenApiRequest().setQuery(Map.of("PageSize", "1")), new RuntimeOptions());
            // Temporary credentials: their secret and token travel in requests and must not reach the logs either.
            JsonNode sts = new Admin(base, "log-test").post("/sts", "{\"accountId\":\"1000000000000001\"}").json();
            stsSecrets.add(sts.path("accessKeySecret").asText());
            stsSecrets.add(sts.path("securityToken").asText());
            Map<String, String> temporary = new java.util.LinkedHashMap<>(Map.of("SecurityToken", sts.path("securityToken").asText()));
            http.get(V1Requests.toQuery(V1Requests.signed("GET", temporary, sts.path("accessKeyId").asText(),
                    sts.path("accessKeySecret").asText(), Instant.now())));
            temporary.put("SecurityToken", sts.path("securityToken").asText() + "-not-ours");
            http.get(V1Requests.toQuery(V1Requests.signed("GET", temporary, sts.path("accessKeyId").asText(),
                    sts.path("accessKeySecret").asText(), Instant.now())));
            server.terminate();
            server.exitCode(20);
            output = server.stdout() + server.stderr();
        }
        assertThat(output).contains("listening on");
        // The control-plane token is printed once at start-up on purpose; AccessKey material never.
        assertThat(output).doesNotContain(DevSeed.SECRET, DevSeed.OTHER_SECRET, "a-wrong-secret-value", "ACS3-HMAC-SHA256");
        assertThat(stsSecrets).hasSize(2).allSatisfy(secret -> assertThat(output).doesNotContain(secret));
        assertThat(output).contains("InvalidSecurityToken.Malformed"); // the access log saw the STS calls
        for (String signature : sentSignatures) {
            assertThat(output).doesNotContain(signature);
        }
    }

}
