package dev.ensemu.server.sdk;

import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teaopenapi.models.OpenApiRequest;
import com.aliyun.teaopenapi.models.Params;
import com.aliyun.teautil.models.RuntimeOptions;
import com.aliyuncs.CommonRequest;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.auth.SignatureVersion;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ensemu.server.support.EnsCalls;
import dev.ensemu.server.support.DevSeed;
import java.util.Map;

/**
 * The official SDKs as an application configures them for the real endpoint: only the endpoint
 * is set (and, for java-core, HTTPS, which it does not default to); trust comes from the JVM's
 * {@code javax.net.ssl.trustStore}. Run in its own JVM by {@link HttpsSdkIT}; prints one line per
 * client: its name and the TotalCount, or the error.
 */
public final class HttpsSdkClients {
    private HttpsSdkClients() {}

    public static void main(String[] args) throws Exception {
        String endpoint = args[0];
        if (args.length > 1 && args[1].equals("protocols")) {
            protocols(endpoint);
            return;
        }
        if (args.length > 1 && args[1].equals("flow")) {
            flow(endpoint);
            return;
        }
        for (String client : new String[] {"java-core-v1", "java-core-v3", "tea-v3", "tea-v2"}) {
            try {
                System.out.println(client + " " + totalCount(client, endpoint));
            } catch (Exception e) {
                Throwable root = e;
                while (root.getCause() != null) {
                    root = root.getCause();
                }
                System.out.println(client + " failed: " + root.getClass().getSimpleName());
            }
        }
    }

    /** The export-and-poll loop with each client: its name, the final status, and whether the listing shows the promised URL. */
    private static void flow(String endpoint) throws Exception {
        for (ExportFlow.Client client : ExportFlow.Client.values()) {
            ExportFlow.Outcome outcome = new ExportFlow(client, endpoint, true, new ExportFlow.Credentials(DevSeed.KEY_ID, DevSeed.SECRET, null))
                    .exportAndPoll("m-dev0001", "ensemu-flow", "cn-beijing", "https/", java.time.Duration.ofSeconds(30));
            System.out.println(client + " " + outcome.finalStatus() + " " + outcome.listedUrl().equals(outcome.promisedUrl()));
        }
    }

    /** Offers one protocol at a time and prints what was negotiated, or that the server refused. */
    private static void protocols(String endpoint) throws Exception {
        String host = endpoint.substring(0, endpoint.lastIndexOf(':'));
        int port = Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, null, null);
        for (String protocol : new String[] {"TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1"}) {
            try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) context.getSocketFactory().createSocket(host, port)) {
                socket.setEnabledProtocols(new String[] {protocol});
                socket.startHandshake();
                System.out.println(protocol + " " + socket.getSession().getProtocol());
            } catch (java.io.IOException e) {
                System.out.println(protocol + " refused");
            }
        }
    }

    private static int totalCount(String client, String endpoint) throws Exception {
        if (client.startsWith("java-core")) {
            DefaultAcsClient acs = new DefaultAcsClient(DefaultProfile.getProfile("cn-hangzhou", DevSeed.KEY_ID, DevSeed.SECRET));
            if (client.endsWith("v3")) {
                acs.setSignatureVersion(SignatureVersion.V3);
            }
            CommonRequest request = EnsCalls.commonRequest(endpoint, ProtocolType.HTTPS, MethodType.POST);
            return new ObjectMapper().readTree(acs.getCommonResponse(request).getData()).path("TotalCount").asInt();
        }
        Config config = new Config().setAccessKeyId(DevSeed.KEY_ID).setAccessKeySecret(DevSeed.SECRET).setEndpoint(endpoint);
        if (client.endsWith("v2")) {
            config.setSignatureAlgorithm("v2");
        }
        Params params = EnsCalls.teaParams();
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) new com.aliyun.teaopenapi.Client(config)
                .callApi(params, new OpenApiRequest(), new RuntimeOptions()).get("body");
        return ((Number) body.get("TotalCount")).intValue();
    }
}
