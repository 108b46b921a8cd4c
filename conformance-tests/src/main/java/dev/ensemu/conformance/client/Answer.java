package dev.ensemu.conformance.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What came back: status, headers, body, and the ENS fields read from the raw JSON by their documented names. */
public record Answer(String request, int status, Map<String, String> headers, String body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public Optional<String> header(String name) {
        return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
    }

    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("the body is not JSON: " + this, e);
        }
    }

    public String code() {
        return json().path("Code").asText(null);
    }

    public int totalCount() {
        return json().path("TotalCount").asInt(-1);
    }

    /** The page's images ({@code Images.Image}), in order. */
    public List<JsonNode> images() {
        List<JsonNode> images = new ArrayList<>();
        json().path("Images").path("Image").forEach(images::add);
        return images;
    }

    public List<String> imageIds() {
        return images().stream().map(i -> i.path("ImageId").asText()).toList();
    }

    @Override
    public String toString() {
        String shown = body.length() > 600 ? body.substring(0, 600) + "..." : body;
        return request + " -> " + status + " " + shown;
    }
}
