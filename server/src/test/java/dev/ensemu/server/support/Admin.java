package dev.ensemu.server.support;

import java.net.URI;
import java.net.http.HttpRequest;

/** The control plane over HTTP with a bearer token, for tests. */
public final class Admin {
    private final Http http;
    private final String token;

    public Admin(URI base, String token) {
        this.http = new Http(base);
        this.token = token;
    }

    public Http.Answer get(String path) {
        return http.send(request(path).GET());
    }

    public Http.Answer delete(String path) {
        return http.send(request(path).DELETE());
    }

    public Http.Answer post(String path, String json) {
        return http.send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Http.Answer put(String path, String json) {
        return http.send(request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(http.uri("/_emulator" + path, null)).header("Authorization", "Bearer " + token);
    }

    /** An image body in seed form. */
    public static String image(String id, String name, String created, String status) {
        return "{\"ImageId\":\"" + id + "\",\"ImageName\":\"" + name + "\",\"CreationTime\":\"" + created
                + "\",\"Architecture\":\"x86_64\",\"Platform\":\"centos\",\"ImageOwnerAlias\":\"self\",\"ImageExportStatus\":\""
                + status + "\"}";
    }
}
