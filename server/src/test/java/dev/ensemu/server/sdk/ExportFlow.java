package dev.ensemu.server.sdk;

import com.aliyun.tea.TeaException;
import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teaopenapi.models.OpenApiRequest;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The image-export flow as an application writes it with an official SDK: ExportImage, poll
 * DescribeExportImageStatus until Exported or ExportError, then read the URL with
 * DescribeExportImageInfo. Each client sends exactly what its SDK sends; nothing here knows ensemu.
 */
public final class ExportFlow {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The official clients and signature versions. */
    public enum Client { JAVA_CORE_V1, JAVA_CORE_V3, TEA_V3, TEA_V2 }

    /** An AccessKey, with the token of temporary (STS) credentials or null. */
    public record Credentials(String keyId, String secret, String securityToken) {}

    /**
     * What the application saw.
     *
     * @param promisedUrl the URL ExportImage answered
     * @param statuses    every status a poll answered, in order
     * @param listedUrl   the URL DescribeExportImageInfo shows afterwards
     */
    public record Outcome(String promisedUrl, List<String> statuses, String listedStatus, String listedUrl) {
        public String finalStatus() {
            return statuses.get(statuses.size() - 1);
        }
    }

    private final Client client;
    private final String endpoint;
    private final boolean https;
    private final Credentials credentials;

    public ExportFlow(Client client, String endpoint, boolean https, Credentials credentials) {
        this.client = client;
        this.endpoint = endpoint;
        this.https = https;
        this.credentials = credentials;
    }

    /** Exports the image and polls every 50 ms until the export ends or {@code timeout} passes. */
    public Outcome exportAndPoll(String imageId, String bucket, String region, String prefix, Duration timeout) throws Exception {
        Map<String, String> export = new LinkedHashMap<>();
        export.put("ImageId", imageId);
        export.put("OSSBucket", bucket);
        export.put("OSSRegionId", region);
        export.put("OSSPrefix", prefix);
        String url = call("ExportImage", export).path("ExportedImageURL").asText();
        List<String> statuses = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String status = call("DescribeExportImageStatus", Map.of("ImageId", imageId)).path("ImageExportStatus").asText();
            statuses.add(status);
            if (!status.equals("Exporting") || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(50);
        }
        JsonNode listed = call("DescribeExportImageInfo", Map.of("ImageId", imageId)).path("Images").path("Image").path(0);
        return new Outcome(url, statuses, listed.path("ImageExportStatus").asText(), listed.path("ExportedImageURL").asText());
    }

    /** The Code the SDK's typed exception carries for this call, or "Success". */
    public String code(String action, Map<String, String> parameters) throws Exception {
        try {
            call(action, parameters);
            return "Success";
        } catch (ClientException e) {
            return e.getErrCode();
        } catch (TeaException e) {
            return e.getCode();
        }
    }

    /** One call, its JSON answer; errors are the SDK's own exceptions. */
    public JsonNode call(String action, Map<String, String> parameters) throws Exception {
        if (client == Client.JAVA_CORE_V1 || client == Client.JAVA_CORE_V3) {
            AlibabaCloudCredentials keys = credentials.securityToken() == null
                    ? new BasicCredentials(credentials.keyId(), credentials.secret())
                    : new BasicSessionCredentials(credentials.keyId(), credentials.secret(), credentials.securityToken());
            DefaultAcsClient acs = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou"), keys);
            if (client == Client.JAVA_CORE_V3) {
                acs.setSignatureVersion(SignatureVersion.V3);
            }
            CommonRequest request = EnsCalls.commonRequest(action, endpoint, https ? ProtocolType.HTTPS : ProtocolType.HTTP,
                    MethodType.POST);
            parameters.forEach(request::putQueryParameter);
            return JSON.readTree(acs.getCommonResponse(request).getData());
        }
        Config config = new Config().setAccessKeyId(credentials.keyId()).setAccessKeySecret(credentials.secret())
                .setSecurityToken(credentials.securityToken()).setEndpoint(endpoint).setProtocol(https ? "HTTPS" : "HTTP");
        if (client == Client.TEA_V2) {
            config.setSignatureAlgorithm("v2");
        }
        // As the generated SDK does: every request field into the query, the body left empty.
        OpenApiRequest request = new OpenApiRequest().setQuery(com.aliyun.openapiutil.Client.query(new LinkedHashMap<>(parameters)));
        Object body = new com.aliyun.teaopenapi.Client(config).callApi(EnsCalls.teaParams(action), request, new RuntimeOptions())
                .get("body");
        return JSON.valueToTree(body);
    }
}
