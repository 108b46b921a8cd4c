package dev.ensemu.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ensemu.conformance.endpoint.LocalServer;
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
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import java.util.function.Consumer;

/** One deliberately broken behaviour, and the checks that must notice it. */
enum Defect {
    NONE("no defect: the server as it is",
            Set.of(), (seen, reply) -> reply),

    /** Not a defect: an endpoint that implements DescribeExportImageInfo only (the other operations are InvalidAction.NotFound). */
    ONLY_DESCRIBE_EXPORT_IMAGE_INFO("not a defect: an endpoint with only the listing (the other operations are `InvalidAction.NotFound`)",
            Set.of(), (seen, reply) -> is(seen, "ExportImage") || is(seen, "DescribeExportImageStatus")
            ? new DefectProxy.Reply(404, Map.of("Content-Type", "application/json;charset=utf-8"), "{\"RequestId\":\""
                    + UUID.randomUUID().toString().toUpperCase(Locale.ROOT) + "\",\"HostId\":\"proxy\",\"Code\":\"InvalidAction.NotFound\","
                    + "\"Message\":\"Specified api is not found, please check your url and method.\",\"Recommend\":\"\"}")
            : reply),

    /**
     * Not a defect: an endpoint that judges permission before it records the nonce, so a call
     * refused NoPermission can be sent again and is refused the same way (the contract leaves open
     * whether a refused call uses up its nonce; ensemu's does).
     */
    REFUSAL_KEEPS_ITS_NONCE("not a defect: a call refused `NoPermission` does not use up its nonce (sent again, refused again), where ensemu's is a replay",
            Set.of(), Defect::refusalKeepsItsNonce),

    /** ExportImage judged against the wrong RAM action (a Describe one): a key granted ens:Describe* may export. */
    EXPORT_CHECKS_THE_WRONG_RAM_ACTION("ExportImage judged against a Describe action: the read-only key (`ens:Describe*`) may export",
            Set.of("PERM-01"), (seen, reply) -> is(seen, "ExportImage")
            && LocalServer.READ_ONLY_KEY_ID.equals(seen.params().get("AccessKeyId"))
            ? recoded(reply, "NoPermission", 404, "InvalidImageId.NotFound") : reply),

    DEFAULT_PAGE_SIZE_IS_FIVE("default page size 5 instead of 10",
            Set.of("DEF-01", "GEN-01"), (seen, reply) -> !seen.params().containsKey("PageSize") && reply.status() == 200
            ? json(reply, page -> {
                page.put("PageSize", 5);
                truncate(page, 5);
            }) : reply),

    PAGE_SIZE_51_ACCEPTED("PageSize 51 answered 200",
            Set.of("LIM-01", "GEN-02"), (seen, reply) -> "51".equals(seen.params().get("PageSize"))
            ? fabricatedPage(51) : reply),

    OFF_BY_ONE_SLICING("pages after the first lose their first image",
            Set.of("PAG-01", "PAG-02", "GEN-01"), (seen, reply) -> pageNumber(seen) > 1 && reply.status() == 200
            ? json(reply, page -> images(page).remove(0)) : reply),

    TOTAL_COUNT_IS_PAGE_LENGTH("TotalCount equal to the page length",
            Set.of("PAG-03", "GEN-01"), (seen, reply) -> reply.status() == 200 && isJson(reply)
            ? json(reply, page -> page.put("TotalCount", images(page).size())) : reply),

    DUPLICATE_IMAGE_ACROSS_PAGES("a page repeats the previous page's last image",
            Set.of("PAG-01"), Defect::repeatPreviousPagesLastImage),

    ORDER_CHANGES_WITH_PAGE_SIZE("PageSize 3 lists in another order",
            Set.of("PAG-01"), (seen, reply) -> "3".equals(seen.params().get("PageSize")) && reply.status() == 200
            ? json(reply, page -> {
                List<JsonNode> reversed = new ArrayList<>();
                images(page).forEach(reversed::add);
                java.util.Collections.reverse(reversed);
                images(page).removeAll();
                images(page).addAll(reversed);
            }) : reply),

    NULL_INSTEAD_OF_EMPTY_URL("`null` instead of `\"\"` for unexported images",
            Set.of("FLD-03"), (seen, reply) -> reply.status() == 200 && isJson(reply)
            ? json(reply, page -> images(page).forEach(i -> {
                if (i.path("ExportedImageURL").asText().isEmpty()) {
                    ((ObjectNode) i).putNull("ExportedImageURL");
                }
            })) : reply),

    MISSING_IMAGES_WRAPPER("`Images` is the list itself, without `Image`",
            Set.of("DEF-01", "SCH-01"), (seen, reply) -> reply.status() == 200 && isJson(reply)
            ? json(reply, page -> page.set("Images", images(page))) : reply),

    WRONG_ERROR_CODE("`InvalidParameter` instead of `InvalidParameter.PageSize`",
            Set.of("LIM-01", "GEN-02"), (seen, reply) -> reply.body().contains("\"InvalidParameter.PageSize\"")
            ? reply.withBody(reply.body().replace("\"InvalidParameter.PageSize\"", "\"InvalidParameter\"")) : reply),

    SERVER_ERROR_FOR_BAD_PAGE_SIZE("500 for a bad PageSize",
            Set.of("LIM-01", "GEN-02"), (seen, reply) -> reply.body().contains("\"InvalidParameter.PageSize\"")
            ? new DefectProxy.Reply(500, reply.headers(), reply.body().replace("InvalidParameter.PageSize", "InternalError")) : reply),

    MISSING_REQUEST_ID_HEADER("no `x-acs-request-id` header",
            Set.of("FLD-05", "ERR-01"), (seen, reply) -> reply.withoutHeader("x-acs-request-id")),

    WRONG_XML_ROOT("XML root `<Response>`",
            Set.of("PRO-03"), (seen, reply) -> reply.withBody(reply.body()
            .replace("<DescribeExportImageInfoResponse>", "<Response>").replace("</DescribeExportImageInfoResponse>", "</Response>"))),

    SIGNATURE_NOT_CHECKED("bad signatures served",
            Set.of("SIG-02", "SIG-03"), (seen, reply) -> reply.body().contains("\"SignatureDoesNotMatch\"")
            ? fabricatedPage(10) : reply),

    NONCE_REPLAY_ACCEPTED("a replayed nonce served",
            Set.of("SIG-06"), (seen, reply) -> reply.body().contains("\"SignatureNonceUsed\"")
            ? fabricatedPage(10) : reply),

    TOTAL_COUNT_AS_STRING("TotalCount as a JSON string (schema-breaking type)",
            Set.of("SCH-01", "FLD-09"), (seen, reply) -> reply.status() == 200 && isJson(reply)
            ? json(reply, page -> page.put("TotalCount", page.path("TotalCount").asText())) : reply),

    CODE_IN_SUCCESS_BODY("`\"Code\":\"200\"` in a success body",
            Set.of("FLD-07"), (seen, reply) -> reply.status() == 200 && isJson(reply)
            ? json(reply, page -> page.put("Code", "200")) : reply),

    NO_CONTENT_TYPE("success without Content-Type",
            Set.of("FLD-06"), (seen, reply) -> reply.status() == 200 ? reply.withoutHeader("Content-Type") : reply),

    EXPORTED_IMAGE_WITHOUT_URL("exported images with an empty URL",
            Set.of("FLD-03"), (seen, reply) -> reply.status() == 200 && isJson(reply)
            ? json(reply, page -> images(page).forEach(i -> ((ObjectNode) i).put("ExportedImageURL", ""))) : reply),

    FILTERS_MATCH_BY_PREFIX("ImageId/ImageName select every value they begin",
            Set.of("FIL-05", "FIL-06", "GEN-01"), (seen, reply) -> filteredAgain(seen, reply, String::startsWith)),

    FILTERS_MATCH_BY_SUBSTRING("ImageId/ImageName select every value containing them",
            Set.of("FIL-05", "FIL-06", "GEN-01"), (seen, reply) -> filteredAgain(seen, reply, String::contains)),

    FILTERS_IGNORE_CASE("filters compare without case",
            Set.of("FIL-05", "FIL-06", "GEN-01"), (seen, reply) -> filteredAgain(seen, reply, String::equalsIgnoreCase)),

    FILTERS_TRIM_SPACES("filters trim the value first",
            Set.of("FIL-05", "FIL-06", "GEN-01"), (seen, reply) -> filteredAgain(seen, reply, (value, wanted) -> value.equals(wanted.strip()))),

    XML_IGNORED("`Format=XML` answered with JSON",
            Set.of("PRO-03"), (seen, reply) -> "XML".equalsIgnoreCase(seen.params().get("Format")) && reply.status() == 200
            ? fabricatedPage(10) : reply),

    XML_WITHOUT_LIST_WRAPPER("XML images not inside `<Images>`",
            Set.of("PRO-03"), (seen, reply) -> reply.withBody(reply.body().replace("<Images>", "").replace("</Images>", ""))),

    JSON_UNICODE_ESCAPES("non-ASCII written as `\\u` escapes",
            Set.of("FLD-08"), (seen, reply) -> isJson(reply) ? reply.withBody(escapeNonAscii(reply.body())) : reply),

    UNKNOWN_KEY_IS_400("InvalidAccessKeyId.NotFound with status 400",
            Set.of("SIG-04"), (seen, reply) -> reply.body().contains("\"InvalidAccessKeyId.NotFound\"")
            ? new DefectProxy.Reply(400, reply.headers(), reply.body()) : reply),

    EXPIRED_TIMESTAMP_ACCEPTED("a timestamp an hour off served",
            Set.of("SIG-05"), (seen, reply) -> reply.body().contains("\"InvalidTimeStamp.Expired\"")
            ? fabricatedPage(10) : reply),

    MISSING_TOKEN_ACCEPTED("temporary credentials served without their token",
            Set.of("STS-02"), (seen, reply) -> reply.body().contains("\"MissingSecurityToken\"") ? fabricatedPage(10) : reply),

    FOREIGN_TOKEN_ACCEPTED("a token never issued served",
            Set.of("STS-03"), (seen, reply) -> reply.body().contains("\"InvalidSecurityToken.Malformed\"")
            ? fabricatedPage(10) : reply),

    MISMATCHED_TOKEN_ACCEPTED("another credential's token served",
            Set.of("STS-04"), (seen, reply) -> reply.body().contains("\"InvalidSecurityToken.MismatchWithAccessKey\"")
            ? fabricatedPage(10) : reply),

    EXPIRED_TOKEN_ACCEPTED("expired temporary credentials served",
            Set.of("STS-05"), (seen, reply) -> reply.body().contains("\"InvalidSecurityToken.Expired\"")
            ? fabricatedPage(10) : reply),

    INACTIVE_KEY_ACCEPTED("a disabled key served",
            Set.of("STS-06"), (seen, reply) -> reply.body().contains("\"InvalidAccessKeyId.Inactive\"")
            ? fabricatedPage(10) : reply),

    // Rules the traceability matrix showed uncovered (issue 28): each caught by its rule's checks alone.
    OLDEST_FIRST("the listing oldest first",
            Set.of("ORD-01"), (seen, reply) -> reordered(seen, reply, java.util.Comparator.comparing((JsonNode i) -> i.path("CreationTime").asText())
            .thenComparing(i -> i.path("ImageId").asText()))),

    TIES_BY_IMAGE_ID_DESCENDING("equal CreationTimes ordered by ImageId descending",
            Set.of("ORD-01"), (seen, reply) -> reordered(seen, reply,
            java.util.Comparator.comparing((JsonNode i) -> i.path("CreationTime").asText()).reversed()
                    .thenComparing(java.util.Comparator.comparing((JsonNode i) -> i.path("ImageId").asText()).reversed()))),

    MISSING_NONCE_IS_INCOMPLETE_SIGNATURE("a V1 request without SignatureNonce answered IncompleteSignature",
            Set.of("SIG-09"), (seen, reply) -> reply.body().contains("\"MissingParameter\"")
            && reply.body().contains("SignatureNonce") ? reply.withBody(reply.body().replace("\"MissingParameter\"", "\"IncompleteSignature\"")) : reply),

    OTHER_SIGNATURE_METHOD_ACCEPTED("SignatureMethod HMAC-SHA256 / SignatureVersion 2.0 served",
            Set.of("SIG-10"), (seen, reply) -> reply.body().contains("\"IncompleteSignature\"")
            && seen.params().containsKey("SignatureMethod") ? fabricatedPage(10) : reply),

    MALFORMED_AUTHORIZATION_ACCEPTED("a garbage Authorization header served",
            Set.of("SIG-11"), (seen, reply) -> reply.body().contains("\"IncompleteSignature\"")
            && seen.header("Authorization") != null ? fabricatedPage(10) : reply),

    TIMESTAMP_FORMAT_REPORTED_AS_EXPIRED("an unparsable Timestamp answered InvalidTimeStamp.Expired",
            Set.of("SIG-12"), (seen, reply) -> reply.withBody(reply.body()
            .replace("\"InvalidTimeStamp.Format\"", "\"InvalidTimeStamp.Expired\""))),

    TIMESTAMP_CHECKED_BEFORE_KEY("an unknown key with a stale Timestamp answered InvalidTimeStamp.Expired",
            Set.of("SIG-13"), (seen, reply) -> reply.body().contains("\"InvalidAccessKeyId.NotFound\"")
            && isStale(seen.params().get("Timestamp"))
            ? new DefectProxy.Reply(400, reply.headers(), reply.body().replace("InvalidAccessKeyId.NotFound", "InvalidTimeStamp.Expired")) : reply),

    OTHER_VERSION_SERVED("Version 2014-05-26 served",
            Set.of("ERR-11", "ERR-07"), (seen, reply) -> reply.body().contains("\"InvalidVersion\"") ? fabricatedPage(10) : reply),

    HEADER_WINS_OVER_PARAMETER("x-acs-action read before the Action parameter",
            Set.of("PRO-07"), (seen, reply) -> seen.header("x-acs-action") != null && seen.params().containsKey("Action")
            && !seen.header("x-acs-action").equals(seen.params().get("Action"))
            ? new DefectProxy.Reply(404, reply.headers(), "{\"RequestId\":\"" + UUID.randomUUID().toString().toUpperCase(Locale.ROOT)
                    + "\",\"HostId\":\"proxy\",\"Code\":\"InvalidAction.NotFound\",\"Message\":\"Specified api is not found.\",\"Recommend\":\"\"}")
            : reply),

    NO_PERMISSION_IGNORED("a key without the permission served",
            Set.of("SIG-14"), (seen, reply) -> reply.body().contains("\"NoPermission\"") ? fabricatedPage(10) : reply),

    /** Run with V3 signatures (see {@link #signsWithV3}). */
    MISSING_V3_NONCE_ACCEPTED("a V3 request without x-acs-signature-nonce served (run with V3)",
            Set.of("SIG-15"), (seen, reply) -> reply.body().contains("\"MissingParameter\"")
            && seen.header("x-acs-signature-nonce") == null && seen.header("Authorization") != null ? fabricatedPage(10) : reply),

    // The image-export flow (issue 24): ExportImage and DescribeExportImageStatus.
    EXPORT_WITHOUT_REQUIRED_PARAMETER_ACCEPTED("ExportImage without OSSBucket (or ImageId, OSSRegionId) answered 200",
            Set.of("EXP-01", "GEN-04"), (seen, reply) -> is(seen, "ExportImage")
            && hasCode(reply, "MissingParameter") ? fabricatedExport(seen) : reply),
    EXPORT_MISSING_PARAMETER_IS_INVALID_PARAMETER("a missing parameter answered `InvalidParameter`",
            Set.of("EXP-01", "GEN-04"), (seen, reply) -> is(seen, "ExportImage")
            ? recoded(reply, "MissingParameter", 400, "InvalidParameter") : reply),
    BUCKET_PATTERN_NOT_CHECKED("a malformed OSSBucket reaches the image lookup (404)",
            Set.of("EXP-08", "GEN-04"), (seen, reply) -> recoded(reply, "InvalidParameter.OSSBucket", 404,
            "InvalidImageId.NotFound")),
    PREFIX_NOT_CHECKED("a malformed OSSPrefix reaches the image lookup (404)",
            Set.of("EXP-02", "GEN-04"), (seen, reply) -> recoded(reply, "InvalidParameter.OSSPrefix", 404,
            "InvalidImageId.NotFound")),
    REGION_CODE_WITHOUT_ITS_NAME("`InvalidParameter` instead of `InvalidParameter.OSSRegionId`",
            Set.of("EXP-02", "GEN-04"), (seen, reply) -> recoded(reply, "InvalidParameter.OSSRegionId", 400,
            "InvalidParameter")),
    UNKNOWN_IMAGE_IS_400("InvalidImageId.NotFound with status 400",
            Set.of("EXP-03", "GEN-03", "GEN-05"), (seen, reply) -> recoded(reply, "InvalidImageId.NotFound", 400,
            "InvalidImageId.NotFound")),
    UNKNOWN_IMAGE_IS_INTERNAL_ERROR("500 InternalError for an unknown image",
            Set.of("EXP-03", "GEN-03", "GEN-05"), (seen, reply) -> recoded(reply, "InvalidImageId.NotFound", 500,
            "InternalError")),
    EXPORT_URL_WITHOUT_PREFIX("ExportImage's URL leaves OSSPrefix out",
            Set.of("EXP-04", "FLOW-01"), (seen, reply) -> is(seen, "ExportImage") && reply.status() == 200 && isJson(reply)
            ? json(reply, answer -> answer.put("ExportedImageURL", answer.path("ExportedImageURL").asText()
                    .replace(".aliyuncs.com/" + seen.params().getOrDefault("OSSPrefix", ""), ".aliyuncs.com/"))) : reply),
    EXPORT_URL_OVER_HTTP("ExportImage's URL is `http://`",
            Set.of("EXP-04"), (seen, reply) -> is(seen, "ExportImage") && reply.status() == 200 && isJson(reply)
            ? json(reply, answer -> answer.put("ExportedImageURL", answer.path("ExportedImageURL").asText().replace("https://", "http://")))
            : reply),
    EXPORT_ANSWER_NAMES_THE_IMAGE("an `ImageId` field in ExportImage's answer",
            Set.of("EXP-04"), (seen, reply) -> is(seen, "ExportImage") && reply.status() == 200 && isJson(reply)
            ? json(reply, answer -> answer.put("ImageId", seen.params().get("ImageId"))) : reply),
    EXPORT_XML_ROOT_IS_RESPONSE("ExportImage's XML root `<Response>`",
            Set.of("EXP-05"), (seen, reply) -> reply.withBody(reply.body()
            .replace("<ExportImageResponse>", "<Response>").replace("</ExportImageResponse>", "</Response>"))),
    EXPORT_NO_PERMISSION_IGNORED("a key without ens:ExportImage / ens:DescribeExportImageStatus served",
            Set.of("EXP-06"), (seen, reply) -> !is(seen, "DescribeExportImageInfo") && hasCode(reply, "NoPermission")
            ? (is(seen, "ExportImage") ? fabricatedExport(seen) : fabricatedStatus("Unexported")) : reply),
    STATUS_ALWAYS_EXPORTED("DescribeExportImageStatus always says Exported",
            Set.of("STA-02", "FLOW-01", "FLOW-02"), (seen, reply) -> is(seen, "DescribeExportImageStatus")
            && reply.status() == 200 && isJson(reply) ? json(reply, answer -> answer.put("ImageExportStatus", "Exported")) : reply),
    STATUS_NEVER_ENDS("DescribeExportImageStatus says Exporting for exports that ended",
            Set.of("STA-02", "FLOW-01", "FLOW-02"), (seen, reply) -> is(seen, "DescribeExportImageStatus")
            && reply.status() == 200 && isJson(reply) ? json(reply, answer -> {
                if (answer.path("ImageExportStatus").asText().startsWith("Export")) {
                    answer.put("ImageExportStatus", "Exporting");
                }
            }) : reply),
    STATUS_WITHOUT_REQUEST_ID("DescribeExportImageStatus's answer without RequestId",
            Set.of("STA-02", "GEN-05"), (seen, reply) -> is(seen, "DescribeExportImageStatus") && reply.status() == 200
            && isJson(reply) ? json(reply, answer -> answer.remove("RequestId")) : reply),
    STATUS_WITHOUT_IMAGE_ID_ANSWERED("DescribeExportImageStatus without ImageId answered 200",
            Set.of("STA-01", "GEN-06"), (seen, reply) -> is(seen, "DescribeExportImageStatus")
            && hasCode(reply, "MissingParameter") ? fabricatedStatus("Unexported") : reply),
    SECOND_EXPORT_ACCEPTED("ExportImage of an Exporting image answered 200",
            Set.of("FLOW-03"), (seen, reply) -> hasCode(reply, "IncorrectImageStatus") ? fabricatedExport(seen) : reply),
    LISTING_FORGETS_THE_PREFIX("the listing shows an exported image's URL without its prefix",
            Set.of("FLOW-01"), (seen, reply) -> is(seen, "DescribeExportImageInfo") && reply.status() == 200
            ? reply.withBody(reply.body().replace(".aliyuncs.com/conformance/", ".aliyuncs.com/")) : reply),
    OTHER_ACCOUNTS_IMAGES_FOUND("another account's image exported and described",
            Set.of("ISO-01"), (seen, reply) -> !is(seen, "DescribeExportImageInfo")
            && hasCode(reply, "InvalidImageId.NotFound") && seen.params().getOrDefault("ImageId", "").startsWith("m-oth")
            ? (is(seen, "ExportImage") ? fabricatedExport(seen) : fabricatedStatus("Exported")) : reply);



    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static volatile Supplier<List<JsonNode>> catalog = List::of;
    private static final Map<String, JsonNode> LAST_IMAGE_BY_PAGE_SIZE = new ConcurrentHashMap<>();

    private final Set<String> exposedBy;
    private final String description;
    private final BiFunction<DefectProxy.Seen, DefectProxy.Reply, DefectProxy.Reply> behaviour;

    Defect(String description, Set<String> exposedBy, BiFunction<DefectProxy.Seen, DefectProxy.Reply, DefectProxy.Reply> behaviour) {
        this.description = description;
        this.exposedBy = exposedBy;
        this.behaviour = behaviour;
    }

    /** Whether the run against this defect signs with V3 (its checks apply to V3 requests only). */
    boolean signsWithV3() {
        return exposedBy.contains("SIG-15");
    }

    /** What the endpoint does wrong (for docs/reference/defects.md). */
    String description() {
        return description;
    }

    /** The checks that must fail against this defect. */
    Set<String> exposedBy() {
        return exposedBy;
    }

    DefectProxy.Reply apply(DefectProxy.Seen seen, DefectProxy.Reply reply) {
        return behaviour.apply(seen, reply);
    }

    /** Where the filter defects read the whole account from (the control plane of the server behind the proxy). */
    static void readCatalogFrom(Supplier<List<JsonNode>> source) {
        catalog = source;
    }

    /** The filter defects re-filter the development account's whole catalogue, read from this server's control plane. */
    static void readCatalogFrom(LocalServer server) {
        String token = server.target(java.time.Duration.ofSeconds(10)).adminToken().orElseThrow();
        readCatalogFrom(() -> {
            try {
                java.net.http.HttpResponse<String> images = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                        .newBuilder(server.endpoint().resolve("/_emulator/accounts/1000000000000001/images"))
                        .header("Authorization", "Bearer " + token).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                List<JsonNode> all = new ArrayList<>();
                new ObjectMapper().readTree(images.body()).forEach(all::add);
                return all;
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("cannot read the catalog", e);
            }
        });
    }

    /**
     * The page a defective filter would serve: the account's images matched with {@code matches}
     * instead of exact equality, in the listing order, sliced as asked.
     */
    private static DefectProxy.Reply filteredAgain(DefectProxy.Seen seen, DefectProxy.Reply reply, BiPredicate<String, String> matches) {
        String imageId = seen.params().get("ImageId");
        String imageName = seen.params().get("ImageName");
        boolean filtered = (imageId != null && !imageId.isEmpty()) || (imageName != null && !imageName.isEmpty());
        if (!filtered || reply.status() != 200 || !isJson(reply)) {
            return reply;
        }
        List<JsonNode> selected = catalog.get().stream()
                .filter(i -> imageId == null || imageId.isEmpty() || matches.test(i.path("ImageId").asText(), imageId))
                .filter(i -> imageName == null || imageName.isEmpty() || matches.test(i.path("ImageName").asText(), imageName))
                .sorted(java.util.Comparator.comparing((JsonNode i) -> i.path("CreationTime").asText()).reversed()
                        .thenComparing(i -> i.path("ImageId").asText()))
                .toList();
        return paged(seen, reply, selected);
    }

    /** The reply with its images replaced by the asked-for slice of {@code selected}, and its TotalCount. */
    private static DefectProxy.Reply paged(DefectProxy.Seen seen, DefectProxy.Reply reply, List<JsonNode> selected) {
        int size = Integer.parseInt(seen.params().getOrDefault("PageSize", "10"));
        int from = Math.min(selected.size(), (pageNumber(seen) - 1) * size);
        return json(reply, page -> {
            ArrayNode images = images(page);
            images.removeAll();
            selected.subList(from, Math.min(selected.size(), from + size)).forEach(i -> {
                ObjectNode image = i.deepCopy();
                if (!image.has("ExportedImageURL")) {
                    image.put("ExportedImageURL", "");
                }
                images.add(image);
            });
            page.put("TotalCount", selected.size());
        });
    }

    /**
     * The page a defective order would serve: the whole account sorted by {@code order}, sliced as
     * asked (unfiltered listings only).
     */
    private static DefectProxy.Reply reordered(DefectProxy.Seen seen, DefectProxy.Reply reply, java.util.Comparator<JsonNode> order) {
        boolean filtered = !seen.params().getOrDefault("ImageId", "").isEmpty() || !seen.params().getOrDefault("ImageName", "").isEmpty();
        if (filtered || reply.status() != 200 || !isJson(reply)) {
            return reply;
        }
        return paged(seen, reply, catalog.get().stream().sorted(order).toList());
    }

    /** A Timestamp more than 15 minutes from now (or none that parses). */
    private static boolean isStale(String timestamp) {
        try {
            return Math.abs(java.time.Duration.between(java.time.Instant.parse(timestamp), java.time.Instant.now()).toMinutes()) > 15;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String escapeNonAscii(String body) {
        StringBuilder escaped = new StringBuilder(body.length());
        body.chars().forEach(c -> escaped.append(c < 128 ? String.valueOf((char) c) : String.format("\\u%04x", c)));
        return escaped.toString();
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

    private static final Map<String, DefectProxy.Reply> REFUSED_BY_NONCE = new ConcurrentHashMap<>();

    /** A call refused NoPermission is refused the same way when sent again, instead of being a replay. */
    private static DefectProxy.Reply refusalKeepsItsNonce(DefectProxy.Seen seen, DefectProxy.Reply reply) {
        String nonce = seen.params().containsKey("SignatureNonce") ? seen.params().get("SignatureNonce") : seen.header("x-acs-signature-nonce");
        if (nonce == null) {
            return reply;
        }
        if (hasCode(reply, "NoPermission")) {
            REFUSED_BY_NONCE.put(nonce, reply);
        }
        return hasCode(reply, "SignatureNonceUsed") && REFUSED_BY_NONCE.containsKey(nonce) ? REFUSED_BY_NONCE.get(nonce) : reply;
    }

    /** Whether the call names this Action, by parameter or (V3) by header. */
    private static boolean is(DefectProxy.Seen seen, String action) {
        String named = seen.params().get("Action");
        return action.equals(named != null ? named : seen.header("x-acs-action"));
    }

    private static boolean hasCode(DefectProxy.Reply reply, String code) {
        return reply.body().contains("\"" + code + "\"");
    }

    /** The reply with another status and Code when it carries {@code code}. */
    private static DefectProxy.Reply recoded(DefectProxy.Reply reply, String code, int status, String newCode) {
        return hasCode(reply, code) ? new DefectProxy.Reply(status, reply.headers(), reply.body().replace("\"" + code + "\"", "\"" + newCode + "\""))
                : reply;
    }

    /** An ExportImage success for the call, as a careless endpoint would answer it. */
    private static DefectProxy.Reply fabricatedExport(DefectProxy.Seen seen) {
        return fabricated("{\"ExportedImageURL\":\"https://" + seen.params().getOrDefault("OSSBucket", "bucket") + ".oss-"
                + seen.params().getOrDefault("OSSRegionId", "cn-hangzhou") + ".aliyuncs.com/" + seen.params().getOrDefault("ImageId", "m")
                + ".qcow2\"");
    }

    private static DefectProxy.Reply fabricatedStatus(String status) {
        return fabricated("{\"ImageExportStatus\":\"" + status + "\"");
    }

    /** A 200 JSON answer: {@code fields} (an unclosed object) plus a RequestId. */
    private static DefectProxy.Reply fabricated(String fields) {
        String requestId = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json;charset=utf-8");
        headers.put("x-acs-request-id", requestId);
        return new DefectProxy.Reply(200, headers, fields + ",\"RequestId\":\"" + requestId + "\"}");
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
