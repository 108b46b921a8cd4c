package dev.ensemu.contract.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** What each {@link ExchangeCheck} looks at in one answer. Each returns whether it applied. */
final class Inspections {
    private static final Pattern UPPER_CASE_UUID = Pattern.compile("[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}");
    private static final Pattern CREATION_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    /** A JSON escape of a character outside ASCII. */
    private static final Pattern NON_ASCII_ESCAPE = Pattern.compile("\\\\u(?!00[0-7])[0-9a-fA-F]{4}");
    private static final Set<String> EXPORT_STATUSES = Set.of("Exporting", "Exported", "ExportError", "Unexported");
    private static final Set<String> OWNER_ALIASES = Set.of("system", "self");
    private static final String LISTING = "DescribeExportImageInfo";
    private static final int DEFAULT_PAGE_SIZE = 10;
    private static final int MAX_PAGE_SIZE = 50;

    private Inspections() {}

    static boolean schema(Answer answer, List<String> problems) {
        if (!answer.ensShaped()) {
            problems.add("the answer (HTTP " + answer.exchange.status() + ", " + answer.exchange.body().length
                    + " bytes) is neither a JSON object nor an XML document");
            return true;
        }
        if (!answer.json) {
            return false;
        }
        Optional<JsonNode> schema = answer.schemas.answerSchema(answer.action(), answer.exchange.status());
        if (schema.isEmpty()) {
            if (answer.exchange.succeeded()) {
                problems.add("the document has no HTTP " + answer.exchange.status() + " answer for " + answer.action());
                return true;
            }
            return false;
        }
        answer.schemas.validate(schema.get(), answer.tree, "$", problems);
        return true;
    }

    static boolean requestId(Answer answer, List<String> problems) {
        if (!answer.ensShaped()) {
            return false;
        }
        String body = answer.requestId();
        String header = answer.exchange.requestIdHeader();
        if (body == null) {
            problems.add("the body has no RequestId");
        } else if (!UPPER_CASE_UUID.matcher(body).matches()) {
            problems.add("RequestId \"" + body + "\" is not an upper-case UUID");
        }
        if (header == null) {
            problems.add("no x-acs-request-id header");
        } else if (body != null && !header.equals(body)) {
            problems.add("x-acs-request-id " + header + " is not the body's RequestId " + body);
        }
        return true;
    }

    static boolean noCodeOnSuccess(Answer answer, List<String> problems) {
        if (!answer.ensShaped() || !answer.exchange.succeeded()) {
            return false;
        }
        if (answer.tree.has("Code")) {
            problems.add("a success body with Code " + answer.tree.get("Code"));
        }
        return true;
    }

    static boolean errorEnvelope(Answer answer, List<String> problems) {
        if (!answer.ensShaped() || answer.exchange.succeeded()) {
            return false;
        }
        for (String field : List.of("RequestId", "HostId", "Code", "Message")) {
            if (answer.field(field) == null) {
                problems.add("the error (HTTP " + answer.exchange.status() + ") has no " + field);
            }
        }
        if (answer.exchange.xmlAsked() != answer.xml()) {
            problems.add("the error is " + (answer.xml() ? "XML" : "JSON") + " where " + (answer.exchange.xmlAsked() ? "XML" : "JSON")
                    + " was asked for");
        }
        return true;
    }

    static boolean jsonShape(Answer answer, List<String> problems) {
        if (!answer.json) {
            return false;
        }
        if (!answer.mediaType().equals("application/json")) {
            problems.add("a JSON answer with Content-Type " + answer.exchange.contentType());
        }
        if (answer.jsonListing()) {
            if (!answer.tree.path("Images").path("Image").isArray()) {
                problems.add("Images is " + answer.tree.path("Images").getNodeType() + ", not {\"Image\":[...]}");
            }
            for (String counter : List.of("PageNumber", "PageSize", "TotalCount")) {
                if (!answer.tree.path(counter).isIntegralNumber()) {
                    problems.add(counter + " is " + answer.tree.path(counter) + ", not a JSON number");
                }
            }
        }
        return true;
    }

    static boolean pageEcho(Answer answer, List<String> problems) {
        if (!answer.jsonListing()) {
            return false;
        }
        expectEcho(answer, "PageNumber", effective(answer, "PageNumber", 1), problems);
        expectEcho(answer, "PageSize", effective(answer, "PageSize", DEFAULT_PAGE_SIZE), problems);
        return true;
    }

    private static void expectEcho(Answer answer, String name, long expected, List<String> problems) {
        JsonNode echoed = answer.tree.path(name);
        if (!echoed.canConvertToLong() || echoed.asLong() != expected) {
            problems.add(name + " is " + echoed + " where the call's effective " + name + " is " + expected);
        }
    }

    private static long effective(Answer answer, String name, long otherwise) {
        String given = answer.exchange.parameter(name);
        try {
            return given == null ? otherwise : Long.parseLong(given);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    static boolean pageLength(Answer answer, List<String> problems) {
        if (!answer.jsonListing() || !answer.tree.path("TotalCount").canConvertToLong()) {
            return false;
        }
        long total = answer.tree.path("TotalCount").asLong();
        long pageSize = effective(answer, "PageSize", DEFAULT_PAGE_SIZE);
        long before = (effective(answer, "PageNumber", 1) - 1) * pageSize;
        int listed = answer.images().size();
        if (before >= total) {
            return listed > 0 && addAndApply(problems, "a page past TotalCount " + total + " lists " + listed + " images");
        }
        long expected = Math.min(pageSize, total - before);
        if (listed != expected) {
            problems.add("the page lists " + listed + " images where PageSize " + pageSize + " and TotalCount " + total
                    + " leave " + expected);
        }
        return true;
    }

    private static boolean addAndApply(List<String> problems, String problem) {
        problems.add(problem);
        return true;
    }

    static boolean exportUrl(Answer answer, List<String> problems) {
        if (!answer.jsonListing() || answer.images().isEmpty()) {
            return false;
        }
        for (JsonNode image : answer.images()) {
            JsonNode url = image.get("ExportedImageURL");
            String status = image.path("ImageExportStatus").asText();
            String id = image.path("ImageId").asText();
            if (url == null || !url.isTextual()) {
                problems.add(id + ": ExportedImageURL is " + (url == null ? "missing" : url.toString()) + ", not a string");
            } else if ("Exported".equals(status) && url.textValue().isEmpty()) {
                problems.add(id + ": Exported with an empty ExportedImageURL");
            } else if (!"Exported".equals(status) && !url.textValue().isEmpty()) {
                problems.add(id + ": " + status + " with ExportedImageURL " + url);
            }
        }
        return true;
    }

    static boolean creationTime(Answer answer, List<String> problems) {
        if (!answer.jsonListing() || answer.images().isEmpty()) {
            return false;
        }
        for (JsonNode image : answer.images()) {
            String time = image.path("CreationTime").asText(null);
            if (time == null || !CREATION_TIME.matcher(time).matches()) {
                problems.add(image.path("ImageId").asText() + ": CreationTime " + image.get("CreationTime") + " is not yyyy-MM-ddTHH:mm:ssZ");
            }
        }
        return true;
    }

    static boolean enumValues(Answer answer, List<String> problems) {
        if (!answer.json || !answer.exchange.succeeded()) {
            return false;
        }
        if (answer.jsonListing() && !answer.images().isEmpty()) {
            for (JsonNode image : answer.images()) {
                expectOneOf(image.path("ImageId").asText() + ": ImageExportStatus", image.get("ImageExportStatus"), EXPORT_STATUSES, problems);
                expectOneOf(image.path("ImageId").asText() + ": ImageOwnerAlias", image.get("ImageOwnerAlias"), OWNER_ALIASES, problems);
            }
            return true;
        }
        if ("DescribeExportImageStatus".equals(answer.action())) {
            expectOneOf("ImageExportStatus", answer.tree.get("ImageExportStatus"), EXPORT_STATUSES, problems);
            return true;
        }
        return false;
    }

    private static void expectOneOf(String what, JsonNode value, Set<String> allowed, List<String> problems) {
        if (value == null || !value.isTextual() || !allowed.contains(value.textValue())) {
            problems.add(what + " is " + value + ", not one of " + allowed);
        }
    }

    static boolean exactFilters(Answer answer, List<String> problems) {
        String imageId = answer.exchange.parameter("ImageId");
        String imageName = answer.exchange.parameter("ImageName");
        if (!answer.jsonListing() || (imageId == null && imageName == null) || answer.images().isEmpty()) {
            return false;
        }
        for (JsonNode image : answer.images()) {
            if (imageId != null && !imageId.equals(image.path("ImageId").asText())) {
                problems.add("ImageId=" + imageId + " listed " + image.path("ImageId"));
            }
            if (imageName != null && !imageName.equals(image.path("ImageName").asText())) {
                problems.add("ImageName=" + imageName + " listed " + image.path("ImageName"));
            }
        }
        return true;
    }

    static boolean pageLimits(Answer answer, List<String> problems) {
        if (!LISTING.equals(answer.action()) || !answer.ensShaped()) {
            return false;
        }
        List<String> outOfRange = List.of("PageSize", "PageNumber").stream()
                .filter(name -> answer.exchange.parameter(name) != null)
                .filter(name -> !inRange(answer.exchange.parameter(name), name.equals("PageSize") ? MAX_PAGE_SIZE : Integer.MAX_VALUE))
                .toList();
        if (outOfRange.isEmpty()) {
            return false;
        }
        String code = answer.field("Code");
        String given = outOfRange.stream().map(name -> name + "=" + answer.exchange.parameter(name)).reduce((a, b) -> a + " " + b).orElse("");
        if (answer.exchange.succeeded()) {
            problems.add(given + " served (HTTP " + answer.exchange.status() + ")");
        } else if (answer.exchange.status() >= 500) {
            problems.add(given + " answered HTTP " + answer.exchange.status() + " " + code);
        } else if (code != null && code.startsWith("InvalidParameter")
                && outOfRange.stream().noneMatch(name -> code.equals("InvalidParameter." + name))) {
            problems.add(given + " answered " + code + " where InvalidParameter." + outOfRange.get(0) + " is the code");
        }
        return true;
    }

    private static boolean inRange(String value, long max) {
        if (!value.matches("[0-9]{1,10}")) {
            return false;
        }
        long number = Long.parseLong(value);
        return number >= 1 && number <= max;
    }

    static boolean exportAnswer(Answer answer, List<String> problems) {
        if (!"ExportImage".equals(answer.action()) || !answer.json || !answer.exchange.succeeded()) {
            return false;
        }
        expectExactly(answer, Set.of("ExportedImageURL", "RequestId"), problems);
        Exchange call = answer.exchange;
        String prefix = call.parameter("OSSPrefix") == null ? "" : call.parameter("OSSPrefix");
        String expected = "https://" + call.parameter("OSSBucket") + ".oss-" + call.parameter("OSSRegionId") + ".aliyuncs.com/" + prefix
                + call.parameter("ImageId") + ".qcow2";
        String url = answer.field("ExportedImageURL");
        if (!expected.equals(url)) {
            problems.add("ExportedImageURL is " + (url == null ? "missing" : "\"" + url + "\"") + " where the call makes it \"" + expected + "\"");
        }
        return true;
    }

    static boolean statusAnswer(Answer answer, List<String> problems) {
        if (!"DescribeExportImageStatus".equals(answer.action()) || !answer.json || !answer.exchange.succeeded()) {
            return false;
        }
        expectExactly(answer, Set.of("ImageExportStatus", "RequestId"), problems);
        return true;
    }

    private static void expectExactly(Answer answer, Set<String> fields, List<String> problems) {
        fields.stream().filter(field -> !answer.tree.has(field)).sorted().forEach(field -> problems.add("the answer has no " + field));
        answer.tree.fieldNames().forEachRemaining(field -> {
            if (!fields.contains(field)) {
                problems.add("the answer has " + field + ", which it must not");
            }
        });
    }

    static boolean format(Answer answer, List<String> problems) {
        String format = answer.exchange.parameter("Format");
        if (!answer.ensShaped() || (format != null && !format.equalsIgnoreCase("json") && !format.equalsIgnoreCase("xml"))) {
            return false;
        }
        boolean xmlAsked = answer.exchange.xmlAsked();
        if (xmlAsked != answer.xml()) {
            problems.add((format == null ? "no Format" : "Format=" + format) + " answered in " + (answer.xml() ? "XML" : "JSON"));
        }
        return true;
    }

    static boolean rawUtf8(Answer answer, List<String> problems) {
        if (!answer.json) {
            return false;
        }
        if (NON_ASCII_ESCAPE.matcher(answer.text).find()) {
            problems.add("non-ASCII text written as \\u escapes");
        }
        return true;
    }

    static boolean xmlRoot(Answer answer, List<String> problems) {
        if (!answer.xml()) {
            return false;
        }
        String expected = answer.exchange.succeeded() ? answer.action() + "Response" : "Error";
        if (!expected.equals(answer.xmlRoot)) {
            problems.add("the XML root is <" + answer.xmlRoot + "> where <" + expected + "> is the root");
        }
        if (!answer.mediaType().equals("text/xml")) {
            problems.add("an XML answer with Content-Type " + answer.exchange.contentType());
        }
        return true;
    }

    static boolean requiredParameters(Answer answer, List<String> problems) {
        List<String> missing = answer.schemas.requiredParameters(answer.action()).stream()
                .filter(name -> answer.exchange.parameter(name) == null).toList();
        if (missing.isEmpty() || !answer.ensShaped()) {
            return false;
        }
        String code = answer.field("Code");
        if (answer.exchange.succeeded() || answer.exchange.status() >= 500 || (code != null && code.startsWith("InvalidParameter"))) {
            problems.add("without " + String.join(", ", missing) + " answered HTTP " + answer.exchange.status()
                    + (code == null ? "" : " " + code) + " where 400 MissingParameter is the answer");
        }
        return true;
    }
}
