package dev.ensemu.conformance.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ensemu.conformance.endpoint.Target;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ensemu control plane ({@code /_emulator/}) of a target that offers it, used by the seeded
 * checks to put known images in place. Reads and writes JSON by the names of its OpenAPI document,
 * with Jackson: REST Assured's JSON paths and object bodies go through Groovy, whose first use cost
 * the suite seconds.
 */
public final class ControlPlane {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Target target;
    private final String token;

    private ControlPlane(Target target, String token) {
        this.target = target;
        this.token = token;
    }

    /** The control plane, when the run has a token and the target answers its health check. */
    public static Optional<ControlPlane> of(Target target) {
        if (target.adminToken().isEmpty()) {
            return Optional.empty();
        }
        try {
            Response health = given(target).get("/_emulator/health");
            return health.statusCode() == 200 && "UP".equals(json(health.asString()).path("status").asText())
                    ? Optional.of(new ControlPlane(target, target.adminToken().get()))
                    : Optional.empty();
        } catch (RuntimeException unreachable) {
            return Optional.empty();
        }
    }

    /** The account of the run's AccessKey (the first account when the run is unsigned). */
    public String accountOfTarget() {
        JsonNode accounts = json(request().get("/_emulator/accounts").then().statusCode(200).extract().asString());
        return java.util.stream.StreamSupport.stream(accounts.spliterator(), false)
                .filter(a -> target.accessKeyId().map(k -> java.util.stream.StreamSupport.stream(a.path("accessKeyIds").spliterator(), false)
                        .anyMatch(id -> id.asText().equals(k))).orElse(true))
                .map(a -> a.path("id").asText())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no account of the control plane holds the run's AccessKey"));
    }

    public void addImage(String accountId, Map<String, String> image) {
        request().contentType("application/json").body(text(image)).post("/_emulator/accounts/{a}/images", accountId)
                .then().statusCode(201);
    }

    public void deleteImage(String accountId, String imageId) {
        int status = request().delete("/_emulator/accounts/{a}/images/{i}", accountId, imageId).statusCode();
        if (status != 204 && status != 404) {
            throw new AssertionError("deleting " + imageId + " answered " + status);
        }
    }

    public JsonNode image(String accountId, String imageId) {
        return json(request().get("/_emulator/accounts/{a}/images/{i}", accountId, imageId).then().statusCode(200).extract().asString());
    }

    /** Enables or disables an AccessKey of the account. */
    public void changeKeyStatus(String accountId, String accessKeyId, boolean active) {
        request().contentType("application/json").body(text(Map.of("status", active ? "Active" : "Inactive")))
                .put("/_emulator/accounts/{a}/access-keys/{k}/status", accountId, accessKeyId).then().statusCode(200);
    }

    /** New temporary credentials for the account: key, secret, token. */
    public List<String> mintTemporaryCredentials(String accountId, long durationSeconds) {
        JsonNode minted = json(request().contentType("application/json")
                .body(text(Map.of("accountId", accountId, "durationSeconds", durationSeconds))).post("/_emulator/sts")
                .then().statusCode(201).extract().asString());
        return List.of(minted.path("accessKeyId").asText(), minted.path("accessKeySecret").asText(), minted.path("securityToken").asText());
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError("the control plane answered something that is not JSON: " + body, e);
        }
    }

    private static String text(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private RequestSpecification request() {
        return given(target).header("Authorization", "Bearer " + token);
    }

    private static RequestSpecification given(Target target) {
        return RestAssured.given().config(io.restassured.config.RestAssuredConfig.config().sslConfig(Tls.restAssured(target)))
                .baseUri(target.endpoint().toString());
    }
}
