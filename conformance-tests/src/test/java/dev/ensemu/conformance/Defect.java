package dev.ensemu.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/** One deliberately broken behaviour, and the checks that must notice it. */
enum Defect {
    NONE(Set.of(), (seen, reply) -> reply),

    DEFAULT_PAGE_SIZE_IS_FIVE(Set.of("DEF-01"), (seen, reply) -> !seen.params().containsKey("PageSize") && reply.status() == 200
            ? json(reply, page -> {
                page.put("PageSize", 5);
                truncate(page, 5);
            }) : reply),

    PAGE_SIZE_51_ACCEPTED(Set.of("LIM-01"), (seen, reply) -> "51".equals(seen.params().get("PageSize"))
            ? fabricatedPage(51) : reply),

    OFF_BY_ONE_SLICING(Set.of("PAG-01", "PAG-02"), (seen, reply) -> pageNumber(seen) > 1 && reply.status() == 200
            ? json(reply, page -> images(page).remove(0)) : reply),

    TOTAL_COUNT_IS_PAGE_LENGTH(Set.of("PAG-03"), (seen, reply) -> reply.status() == 200 && isJson(reply)
            ? json(reply, page -> page.put("TotalCount", images(page).size())) : reply),

    DUPLICATE_IMAGE_ACROSS_PAGES(Set.of("PAG-01"), Defect::repeatPreviousPagesLastImage),

    ORDER_CHANGES_WITH_PAGE_SIZE(Set.of("PAG-01"), (seen, reply) -> "3".equals(seen.params().get("PageSize")) && reply.status() == 200
            ? json(reply, page -> {
                List<JsonNode> reversed = new ArrayList<>();
                images(page).forEach(reversed::add);
                java.util.Collections.reverse(reversed);
                images(page).removeAll();
                images(page).addAll(reversed);
            }) : reply),

    NULL_INSTEAD_OF_EMPTY_URL(Set.of("FLD-03"), (seen, reply) -> reply.status() == 200 && isJson(reply)
            ? json(reply, page -> images(page).forEach(i -> {
                if (i.path("ExportedImageURL").asText().isEmpty()) {
                    ((ObjectNode) i).putNull("ExportedImageURL");
                }
            })) : reply),

    MISSING_IMAGES_WRAPPER(Set.of("DEF-01", "SCH-01"), (seen, reply) -> reply.status() == 200 && isJson(reply)
            ? json(reply, page -> page.set("Images", images(page))) : reply),

    WRONG_ERROR_CODE(Set.of("LIM-01"), (seen, reply) -> reply.body().contains("\"InvalidParameter.PageSize\"")
            ? reply.withBody(reply.body().replace("\"InvalidParameter.PageSize\"", "\"InvalidParameter\"")) : reply),

    SERVER_ERROR_FOR_BAD_PAGE_SIZE(Set.of("LIM-01"), (seen, reply) -> reply.body().contains("\"InvalidParameter.PageSize\"")
            ? new DefectProxy.Reply(500, reply.headers(), reply.body().replace("InvalidParameter.PageSize", "InternalError")) : reply),

    MISSING_REQUEST_ID_HEADER(Set.of("FLD-05", "ERR-01"), (seen, reply) -> reply.withoutHeader("x-acs-request-id")),

    WRONG_XML_ROOT(Set.of("PRO-03"), (seen, reply) -> reply.withBody(reply.body()
            .replace("<DescribeExportImageInfoResponse>", "<Response>").replace("</DescribeExportImageInfoResponse>", "</Response>"))),

    SIGNATURE_NOT_CHECKED(Set.of("SIG-02", "SIG-03"), (seen, reply) -> reply.body().contains("\"SignatureDoesNotMatch\"")
            ? fabricatedPage(10) : reply),

    NONCE_REPLAY_ACCEPTED(Set.of("SIG-06"), (seen, reply) -> reply.body().contains("\"SignatureNonceUsed\"")
            ? fabricatedPage(10) : reply),

    TOTAL_COUNT_AS_STRING(Set.of("SCH-01", "FLD-09"), (seen, reply) -> reply.status() == 200 && isJson(reply)
            ? json(reply, page -> page.put("TotalCount", page.path("TotalCount").asText())) : reply),

    CODE_IN_SUCCESS_BODY(Set.of("FLD-07"), (seen, reply) -> reply.status() == 200 && isJson(reply)
            ? json(reply, page -> page.put("Code", "200")) : reply),

    NO_CONTENT_TYPE(Set.of("FLD-06"), (seen, reply) -> reply.status() == 200 ? reply.withoutHeader("Content-Type") : reply),

    EXPORTED_IMAGE_WITHOUT_URL(Set.of("FLD-03"), (seen, reply) -> reply.status() == 200 && isJson(reply)
            ? json(reply, page -> images(page).forEach(i -> ((ObjectNode) i).put("ExportedImageURL", ""))) : reply);

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, JsonNode> LAST_IMAGE_BY_PAGE_SIZE = new ConcurrentHashMap<>();

    private final Set<String> exposedBy;
    private final BiFunction<DefectProxy.Seen, DefectProxy.Reply, DefectProxy.Reply> behaviour;

    Defect(Set<String> exposedBy, BiFunction<DefectProxy.Seen, DefectProxy.Reply, DefectProxy.Reply> behaviour) {
        this.exposedBy = exposedBy;
        this.behaviour = behaviour;
    }

    /** The checks that must fail against this defect. */
    Set<String> exposedBy() {
        return exposedBy;
    }

    DefectProxy.Reply apply(DefectProxy.Seen seen, DefectProxy.Reply reply) {
        return behaviour.apply(seen, reply);
    }

    static Map<String, String> parameters(String rawQuery, String body) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String text : new String[] {rawQuery == null ? "" : rawQuery, body}) {
            for (String pair : text.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return params;
    }

    private static DefectProxy.Reply repeatPreviousPagesLastImage(DefectProxy.Seen seen, DefectProxy.Reply reply) {
        if (reply.status() != 200 || !isJson(reply)) {
            return reply;
        }
        String size = seen.params().getOrDefault("PageSize", "10");
        return json(reply, page -> {
            ArrayNode images = images(page);
            JsonNode previousLast = LAST_IMAGE_BY_PAGE_SIZE.get(size);
            JsonNode ownLast = images.isEmpty() ? null : images.get(images.size() - 1).deepCopy();
            if (pageNumber(seen) > 1 && previousLast != null && !images.isEmpty()) {
                images.set(0, previousLast);
            }
            if (ownLast != null) {
                LAST_IMAGE_BY_PAGE_SIZE.put(size, ownLast);
            }
        });
    }

    private static int pageNumber(DefectProxy.Seen seen) {
        try {
            return Integer.parseInt(seen.params().getOrDefault("PageNumber", "1"));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static boolean isJson(DefectProxy.Reply reply) {
        return reply.headers().entrySet().stream().anyMatch(h -> h.getKey().equalsIgnoreCase("Content-Type")
                && h.getValue().toLowerCase(Locale.ROOT).contains("json"));
    }

    private static ArrayNode images(ObjectNode page) {
        JsonNode images = page.path("Images").path("Image");
        return images.isArray() ? (ArrayNode) images : MAPPER.createArrayNode();
    }

    private static void truncate(ObjectNode page, int size) {
        ArrayNode images = images(page);
        while (images.size() > size) {
            images.remove(images.size() - 1);
        }
    }

    private static DefectProxy.Reply json(DefectProxy.Reply reply, Consumer<ObjectNode> change) {
        try {
            JsonNode tree = MAPPER.readTree(reply.body());
            if (!(tree instanceof ObjectNode page)) {
                return reply; // the control plane's lists pass untouched
            }
            change.accept(page);
            return reply.withBody(MAPPER.writeValueAsString(page));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DefectProxy.Reply fabricatedPage(int pageSize) {
        String requestId = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json;charset=utf-8");
        headers.put("x-acs-request-id", requestId);
        return new DefectProxy.Reply(200, headers, "{\"Images\":{\"Image\":[]},\"PageNumber\":1,\"PageSize\":" + pageSize
                + ",\"RequestId\":\"" + requestId + "\",\"TotalCount\":0}");
    }
}
