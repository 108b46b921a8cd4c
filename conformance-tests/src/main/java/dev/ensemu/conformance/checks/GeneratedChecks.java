package dev.ensemu.conformance.checks;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import dev.ensemu.conformance.client.Answer;
import dev.ensemu.conformance.client.Call;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Requests generated from the OpenAPI document's parameter schemas ({@link RequestGenerator}),
 * both methods, query and form placements, every answer validated against the document (as all
 * answers are) and against the oracle the document implies: a valid request gets the page the
 * full listing implies (filters exact, defaults, echo, the slice, the true TotalCount), an invalid
 * one 400 with the Code of its parameter. A failure is shrunk to a minimal request and reported
 * with the seed that reproduces it. {@code -Dens.generated=N} (runner: {@code --generated N}) sets
 * how many, {@code -Dens.seed=S} ({@code --seed S}) the seed.
 */
class GeneratedChecks extends CheckSupport {
    static final String COUNT_PROPERTY = "ens.generated";
    static final String SEED_PROPERTY = "ens.seed";
    /**
     * Requests in flight at once. The checking client (signing, REST Assured, validation against
     * the document) costs far more than an emulator's answer, so one connection left cores idle;
     * the requests are independent and the first failing one (in generated order) is reported.
     */
    private static final int PARALLEL = 4;

    @Test
    @Check(id = "GEN-01", rules = {"R-PAR-07", "R-PAR-08", "R-PAR-09", "R-PAR-10", "R-PAR-12", "R-ANS-02", "R-ANS-04", "R-ANS-13"}, description = "Generated valid requests get the page the full listing implies: exact filters, defaults, echo, slice, TotalCount")
    void generatedValidRequests() {
        run("DescribeExportImageInfo", true);
    }

    @Test
    @Check(id = "GEN-02", rules = {"R-PAR-08", "R-PAR-09", "R-PAR-11", "R-PAR-16", "R-ANS-13"}, level = Level.SHOULD, description = "Generated requests with one value the document forbids get 400 and InvalidParameter.<that parameter>")
    void generatedInvalidRequests() {
        run("DescribeExportImageInfo", false);
    }

    @Test
    @Check(id = "GEN-03", rules = {"R-EXP-03"}, level = Level.SHOULD, operations = {"ExportImage"},
            description = "Generated ExportImage requests the document allows, for ImageIds the account does not have, get 404 InvalidImageId.NotFound")
    void generatedValidExportImageRequests() {
        run("ExportImage", true);
    }

    @Test
    @Check(id = "GEN-04", rules = {"R-EXP-01", "R-EXP-02", "R-EXP-08"}, level = Level.SHOULD, operations = {"ExportImage"},
            description = "Generated ExportImage requests with one value the document forbids get 400 and MissingParameter or InvalidParameter.<it>")
    void generatedInvalidExportImageRequests() {
        run("ExportImage", false);
    }

    @Test
    @Check(id = "GEN-05", rules = {"R-STA-01", "R-EXP-03"}, level = Level.SHOULD, operations = {"DescribeExportImageStatus"},
            description = "Generated DescribeExportImageStatus requests get the status of a listed image, 404 InvalidImageId.NotFound for others")
    void generatedValidExportStatusRequests() {
        run("DescribeExportImageStatus", true);
    }

    @Test
    @Check(id = "GEN-06", rules = {"R-EXP-01", "R-EXP-08"}, level = Level.SHOULD, operations = {"DescribeExportImageStatus"},
            description = "Generated DescribeExportImageStatus requests with one value the document forbids get 400 and MissingParameter or InvalidParameter.<it>")
    void generatedInvalidExportStatusRequests() {
        run("DescribeExportImageStatus", false);
    }

    private void run(String action, boolean valid) {
        int count = Math.max(1, Integer.getInteger(COUNT_PROPERTY, 2000) / 2);
        long seed = Long.getLong(SEED_PROPERTY, 20261129L) + (valid ? 0 : 1);
        Listing listing = listing(Integer.MAX_VALUE);
        // ExportImage of a listed image would start an export: its generated requests name images no account has.
        List<String> ids = action.equals("ExportImage") ? List.of()
                : listing.images().stream().map(i -> i.path("ImageId").asText()).distinct().toList();
        RequestGenerator generator = new RequestGenerator(action, ids,
                listing.images().stream().map(i -> i.path("ImageName").asText()).distinct().toList());
        Random random = new Random(seed);
        List<RequestGenerator.Generated> boundaries = generator.boundaries(new Random(seed)).stream().filter(r -> r.valid() == valid).toList();
        List<RequestGenerator.Generated> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            RequestGenerator.Generated request = i < boundaries.size() ? boundaries.get(i) : generator.next(random);
            while (request.valid() != valid) {
                request = generator.next(random);
            }
            requests.add(request);
        }
        Oracle oracle = new Oracle(action, listing.images());
        List<Optional<String>> problems = inParallel(requests, oracle);
        for (int i = 0; i < count; i++) {
            Optional<String> problem = problems.get(i);
            if (problem.isPresent()) {
                RequestGenerator.Generated minimal = shrink(requests.get(i), oracle, generator);
                fail(action + ": generated request " + (i + 1) + " of " + count + " (seed " + seed + ", -D" + SEED_PROPERTY + "="
                        + (valid ? seed : seed - 1) + "), shrunk to " + minimal + ": " + problem(minimal, oracle).orElse(problem.get()));
            }
        }
    }

    /** What the answers are judged against: the operation and the account's listing. */
    private record Oracle(String action, List<JsonNode> listing) {}

    /** The problem of each request, in their order, sent {@link #PARALLEL} at a time. */
    private List<Optional<String>> inParallel(List<RequestGenerator.Generated> requests, Oracle listing) {
        ExecutorService senders = Executors.newFixedThreadPool(PARALLEL, task -> {
            Thread thread = new Thread(task, "generated-requests");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Optional<String>>> answers = new ArrayList<>();
            for (RequestGenerator.Generated request : requests) {
                answers.add(senders.submit(() -> problem(request, listing)));
            }
            List<Optional<String>> problems = new ArrayList<>();
            for (Future<Optional<String>> answer : answers) {
                problems.add(answer.get());
            }
            return problems;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while sending generated requests", e);
        } catch (ExecutionException e) {
            throw new AssertionError("a generated request could not be sent: " + e.getCause(), e.getCause());
        } finally {
            senders.shutdownNow();
        }
    }

    /** Drops optional parameters and moves to GET while the request still fails: the smallest failing request. */
    private RequestGenerator.Generated shrink(RequestGenerator.Generated failing, Oracle listing, RequestGenerator generator) {
        RequestGenerator.Generated smallest = failing;
        boolean smaller = true;
        while (smaller) {
            smaller = false;
            List<RequestGenerator.Generated> candidates = new ArrayList<>();
            if (!smallest.method().equals("GET")) {
                candidates.add(smallest.asGet());
            }
            for (String name : smallest.values().keySet()) {
                if (!name.equals(smallest.invalid()) && !generator.required(name)) {
                    candidates.add(smallest.without(name));
                }
            }
            for (RequestGenerator.Generated candidate : candidates) {
                if (problem(candidate, listing).isPresent()) {
                    smallest = candidate;
                    smaller = true;
                    break;
                }
            }
        }
        return smallest;
    }

    /** What is wrong with the answer to the request, by the document's oracle; empty when it is right. */
    private Optional<String> problem(RequestGenerator.Generated request, Oracle oracle) {
        Call call = (request.method().equals("GET") ? Call.get() : Call.post()).action(oracle.action());
        request.values().forEach((name, value) -> {
            if (request.inBody().get(name)) {
                call.form(name, value);
            } else {
                call.query(name, value);
            }
        });
        Answer answer;
        try {
            answer = send(call);
        } catch (AssertionError | RuntimeException invalidAnswer) { // the answer broke the OpenAPI document
            return broke("R-ANS-13", "the answer breaks the OpenAPI document: "
                    + String.valueOf(invalidAnswer.getMessage()).lines().findFirst().orElse(""));
        }
        if (!request.valid()) {
            String code = request.invalidCode();
            String rule = oracle.action().equals("DescribeExportImageInfo") ? RULE_OF_PARAMETER.getOrDefault(request.invalid(), "R-ANS-13")
                    : code.equals("MissingParameter") ? "R-EXP-01" : "R-EXP-02";
            return answer.status() == 400 && code.equals(code(answer)) ? Optional.empty()
                    : broke(rule, "expected 400 " + code + ", got " + answer.status() + " " + code(answer));
        }
        if (!oracle.action().equals("DescribeExportImageInfo")) {
            return imageAnswerProblem(request, answer, oracle);
        }
        List<JsonNode> listing = oracle.listing();
        if (answer.status() != 200) {
            String rules = request.values().keySet().stream().map(RULE_OF_PARAMETER::get).filter(java.util.Objects::nonNull).distinct()
                    .sorted().collect(java.util.stream.Collectors.joining(", "));
            return broke(rules.isEmpty() ? "R-PAR-07" : rules, "every value the document allows is served; expected 200, got "
                    + answer.status() + " " + code(answer));
        }
        return pageProblem(request, answer, listing);
    }

    private static Optional<String> pageProblem(RequestGenerator.Generated request, Answer answer, List<JsonNode> listing) {
        String imageId = given(request, "ImageId");
        String imageName = given(request, "ImageName");
        int pageSize = Integer.parseInt(Optional.ofNullable(given(request, "PageSize")).orElse("10"));
        long pageNumber = Long.parseLong(Optional.ofNullable(given(request, "PageNumber")).orElse("1"));
        List<String> matching = listing.stream()
                .filter(i -> imageId == null || i.path("ImageId").asText().equals(imageId))
                .filter(i -> imageName == null || i.path("ImageName").asText().equals(imageName))
                .map(i -> i.path("ImageId").asText())
                .toList();
        long from = Math.min(matching.size(), (pageNumber - 1) * pageSize);
        List<String> expected = matching.subList((int) from, (int) Math.min(matching.size(), from + pageSize));
        boolean xml = "xml".equals(Optional.ofNullable(given(request, "Format")).orElse("json").toLowerCase(Locale.ROOT));
        int totalCount;
        long echoedNumber;
        int echoedSize;
        List<String> ids;
        if (xml) {
            if (!answer.header("Content-Type").orElse("").startsWith("text/xml")) {
                return broke("R-ANS-11", "Format=XML answered " + answer.header("Content-Type").orElse("without Content-Type"));
            }
            JsonNode page = xmlTree(answer.body());
            if (page == null) {
                return broke("R-ANS-11", "Format=XML answered a body that is not XML");
            }
            totalCount = page.path("TotalCount").asInt(-1);
            echoedNumber = page.path("PageNumber").asLong(-1);
            echoedSize = page.path("PageSize").asInt(-1);
            ids = new ArrayList<>();
            // One <Image> reads as an object, several as a list, none (<Images/>) as empty text.
            JsonNode images = page.path("Images").path("Image");
            for (JsonNode image : images.isArray() ? images : List.of(images)) {
                if (image.has("ImageId")) {
                    ids.add(image.path("ImageId").asText());
                }
            }
        } else {
            totalCount = answer.totalCount();
            echoedNumber = answer.json().path("PageNumber").asLong();
            echoedSize = answer.json().path("PageSize").asInt();
            ids = answer.imageIds();
        }
        boolean filtered = imageId != null || imageName != null;
        if (totalCount != matching.size()) {
            return broke(filtered ? "R-PAR-10" : "R-ANS-04", "TotalCount " + totalCount + ", the listing implies " + matching.size());
        }
        if (echoedNumber != pageNumber || echoedSize != pageSize) {
            boolean defaulted = given(request, "PageSize") == null || given(request, "PageNumber") == null;
            return broke(defaulted ? "R-PAR-07" : "R-ANS-04", "echoed PageNumber " + echoedNumber + " and PageSize " + echoedSize
                    + ", expected " + pageNumber + " and " + pageSize);
        }
        return ids.equals(expected) ? Optional.empty()
                : broke(filtered ? "R-PAR-10" : "R-ANS-02", "images " + ids + ", the listing implies " + expected);
    }

    /**
     * ExportImage and DescribeExportImageStatus name one image: a listed one gets its status (only
     * DescribeExportImageStatus names listed ones), any other 404 InvalidImageId.NotFound.
     */
    private static Optional<String> imageAnswerProblem(RequestGenerator.Generated request, Answer answer, Oracle oracle) {
        String imageId = given(request, "ImageId");
        boolean listed = oracle.listing().stream().anyMatch(i -> i.path("ImageId").asText().equals(imageId));
        if (!listed) {
            return answer.status() == 404 && "InvalidImageId.NotFound".equals(code(answer)) ? Optional.empty()
                    : broke(answer.status() == 400 ? "R-EXP-02" : "R-EXP-03", "every value the document allows is accepted and "
                            + imageId + " is no image of the account; expected 404 InvalidImageId.NotFound, got " + answer.status() + " " + code(answer));
        }
        if (answer.status() != 200) {
            return broke("R-STA-01", "expected 200 for a listed image, got " + answer.status() + " " + code(answer));
        }
        boolean xml = "xml".equals(Optional.ofNullable(given(request, "Format")).orElse("json").toLowerCase(Locale.ROOT));
        JsonNode body = xml ? xmlTree(answer.body()) : answer.json();
        String status = body == null ? "" : body.path("ImageExportStatus").asText();
        return STATUSES.contains(status) ? Optional.empty()
                : broke("R-STA-01", "ImageExportStatus " + status + " is not one of the document's");
    }

    /** The rule an invalid value of each generated parameter breaks when it is not refused with its own Code. */
    private static final java.util.Map<String, String> RULE_OF_PARAMETER = java.util.Map.of("PageSize", "R-PAR-08", "PageNumber", "R-PAR-09",
            "ImageId", "R-PAR-11", "ImageName", "R-PAR-11");

    /** A problem, named by the rule it breaks (rules.yaml), so a failure says which contract statement is at stake. */
    private static Optional<String> broke(String rule, String problem) {
        return Optional.of("breaks " + rule + ": " + problem);
    }

    /** The Code of a JSON or XML error. */
    private static String code(Answer answer) {
        if (!answer.header("Content-Type").orElse("").contains("xml")) {
            return answer.code();
        }
        JsonNode error = xmlTree(answer.body());
        return error == null ? "not XML" : error.path("Code").asText();
    }

    private static final XmlMapper XML = new XmlMapper();

    /** An XML answer as a tree (the root element's children as fields), or null when it is not XML. */
    private static JsonNode xmlTree(String body) {
        try {
            return XML.readTree(body);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** The value as the operation reads it: empty counts as not given. */
    private static String given(RequestGenerator.Generated request, String name) {
        String value = request.values().get(name);
        return value == null || value.isEmpty() ? null : value;
    }
}
