package dev.ensemu.server.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teaopenapi.models.OpenApiRequest;
import com.aliyun.teaopenapi.models.Params;
import com.aliyun.teautil.models.RuntimeOptions;
import dev.ensemu.server.support.Admin;
import dev.ensemu.server.support.DevSeed;
import dev.ensemu.server.support.Http;
import dev.ensemu.server.support.V1Requests;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After a run full of signed requests, good and bad, the server's output holds no secret and no signature. */
class LogSecrecyIT {
    @TempDir
    Path dir;

    @Test
    void logsHoldNoSecretsSignaturesOrAuthorizationHeaders() throws Exception {
        Path log = dir.resolve("server.log");
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                Path.of("target", "ensemu-server.jar").toString(), "--port", "0", "--admin-token", "log-test")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        List<String> sentSignatures = new ArrayList<>();
        try {
            URI base = waitForAddress(log);
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
            tea.callApi(new Params().setAction("DescribeExportImageInfo").setVersion("2017-11-10").setProtocol("HTTPS")
                    .setPathname("/").setMethod("POST").setAuthType("AK").setStyle("RPC").setReqBodyType("formData").setBodyType("json"),
                    new OpenApiRequest().setQuery(Map.of("PageSize", "1")), new RuntimeOptions());
        } finally {
            server.destroy();
            server.waitFor(20, TimeUnit.SECONDS);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(output).contains("listening on");
        // The control-plane token is printed once at start-up on purpose; AccessKey material never.
        assertThat(output).doesNotContain(DevSeed.SECRET, DevSeed.OTHER_SECRET, "a-wrong-secret-value", "ACS3-HMAC-SHA256");
        for (String signature : sentSignatures) {
            assertThat(output).doesNotContain(signature);
        }
    }

    private static URI waitForAddress(Path log) throws Exception {
        Pattern ready = Pattern.compile("listening on (http://\\S+)");
        for (int i = 0; i < 100; i++) {
            Matcher found = ready.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (found.find()) {
                return URI.create(found.group(1));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the server did not start");
    }
}
