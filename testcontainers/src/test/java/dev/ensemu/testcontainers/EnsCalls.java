package dev.ensemu.testcontainers;

import com.aliyuncs.CommonRequest;
import com.aliyuncs.CommonResponse;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.HttpClientConfig;
import com.aliyuncs.http.HttpClientType;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** The ENS operations through the official aliyun-java-sdk-core, and the control plane over plain HTTP. */
final class EnsCalls {
    private EnsCalls() {}

    static CommonResponse describeExportImageInfo(EnsemuContainer ens, ProtocolType protocol, MethodType method, String... parameters)
            throws Exception {
        return describeExportImageInfo(protocol == ProtocolType.HTTPS ? ens.httpsEndpoint() : ens.endpoint(), ens.accessKeyId(),
                ens.accessKeySecret(), protocol == ProtocolType.HTTPS ? Optional.of(ens) : Optional.empty(), method, parameters);
    }

    static CommonResponse describeExportImageInfo(URI endpoint, String keyId, String secret, Optional<EnsemuContainer> trusted,
            MethodType method, String... parameters) throws ClientException, Exception {
        return call(endpoint, keyId, secret, trusted, method, "DescribeExportImageInfo", parameters);
    }

    /** Any operation over HTTP with the container's key, its parameters in the query. */
    static CommonResponse call(EnsemuContainer ens, String action, String... parameters) throws Exception {
        return call(ens.endpoint(), ens.accessKeyId(), ens.accessKeySecret(), Optional.empty(), MethodType.POST, action, parameters);
    }

    static CommonResponse call(URI endpoint, String keyId, String secret, Optional<EnsemuContainer> trusted, MethodType method,
            String action, String... parameters) throws ClientException, Exception {
        DefaultProfile profile = DefaultProfile.getProfile("cn-hangzhou", keyId, secret);
        HttpClientConfig config = HttpClientConfig.getDefault();
        if (trusted.isPresent()) {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted.get().trustStore());
            config.setX509TrustManagers(new X509TrustManager[] {(X509TrustManager) trust.getTrustManagers()[0]});
            // The default (Apache) client is one per JVM and keeps the trust of the first call made;
            // the URLConnection client reads the trust managers on every call.
            config.setClientType(HttpClientType.Compatible);
        }
        profile.setHttpClientConfig(config);
        DefaultAcsClient client = new DefaultAcsClient(profile);
        try {
            CommonRequest request = new CommonRequest();
            request.setSysDomain(endpoint.getAuthority());
            request.setSysProtocol(endpoint.getScheme().equals("https") ? ProtocolType.HTTPS : ProtocolType.HTTP);
            request.setSysVersion("2017-11-10");
            request.setSysAction(action);
            request.setSysMethod(method);
            for (int i = 0; i < parameters.length; i += 2) {
                request.putQueryParameter(parameters[i], parameters[i + 1]);
            }
            return client.getCommonResponse(request);
        } finally {
            client.shutdown();
        }
    }

    /** A control-plane call with the container's token; answers status and body. */
    static HttpResponse<String> control(EnsemuContainer ens, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(ens.endpoint().resolve(path))
                .header("Authorization", "Bearer " + ens.adminToken())
                .header("Content-Type", "application/json");
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String image(String imageId) {
        return "{\"ImageId\":\"" + imageId + "\",\"ImageName\":\"it\",\"CreationTime\":\"2025-01-01T00:00:00Z\",\"Architecture\":\"x86_64\","
                + "\"Platform\":\"centos\",\"ImageOwnerAlias\":\"self\",\"ImageExportStatus\":\"Unexported\"}";
    }
}
