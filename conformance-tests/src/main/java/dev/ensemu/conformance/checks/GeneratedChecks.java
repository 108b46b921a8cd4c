package dev.ensemu.conformance.checks;

import dev.ensemu.contract.report.Level;

import static dev.ensemu.conformance.checks.OperationOracle.broke;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ensemu.conformance.client.Answer;
import dev.ensemu.conformance.client.Call;
import dev.ensemu.conformance.client.Document;
import dev.ensemu.conformance.client.Implementation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Requests generated from the OpenAPI document's parameter schemas ({@link RequestGenerator}),
 * both methods, query and form placements, every answer validated against the document (as all
 * answers are) and against the oracle of its operation ({@link OperationOracle}, declared beside
 * the operation's checks): e.g. a valid listing request gets the page the full listing implies, an
 * invalid request 400 with the Code of its parameter. A failure is shrunk to a minimal request and reported
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
    /** Each operation's oracle, declared beside its checks. */
    private static final Map<String, OperationOracle> ORACLES = Stream.of(PaginationChecks.ORACLE, ExportImageChecks.ORACLE,
            ExportStatusChecks.ORACLE).collect(Collectors.toMap(OperationOracle::action, Function.identity()));

    @Test
    @Check(id = "GEN-01", rules = {"R-PAR-07", "R-PAR-08", "R-PAR-09", "R-PAR-10", "R-PAR-12", "R-ANS-02", "R-ANS-04", "R-ANS-13"}, description = "Generated valid requests get the page the full listing implies: exact filters, defaults, echo, slice, TotalCount")
    void generatedValidRequests() {
        run("DescribeExportImageInfo", true);
    }

    @Test
    @Check(id = "GEN-02", rules = {"R-PAR-08", "R-PAR-09", "R-PAR-11", "R-ANS-13"}, level = Level.SHOULD, description = "Generated requests with one value the document forbids get 400 and InvalidParameter.<that parameter>")
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

    @Test
    @Check(id = "GEN-07", rules = {"R-PAR-17", "R-ANS-13"}, level = Level.SHOULD,
            description = "Generated requests of every other operation of the document, all values allowed, are not refused for their parameters")
    void generatedValidRequestsOfOtherOperations() {
        otherOperations().forEach(action -> run(action, true));
    }

    @Test
    @Check(id = "GEN-08", rules = {"R-PAR-17", "R-ANS-13"}, level = Level.SHOULD,
            description = "Generated requests of every other operation of the document with one value it forbids get 400 and that parameter's Code")
    void generatedInvalidRequestsOfOtherOperations() {
        otherOperations().forEach(action -> run(action, false));
    }

    /** The operations of the document with no oracle of their own that the endpoint implements (e.g. an extension's). */
    private List<String> otherOperations() {
        List<String> others = Document.get().actions().stream().filter(action -> !ORACLES.containsKey(action))
                .filter(Implementation.operations(ens.target())::contains).toList();
        Assumptions.assumeFalse(others.isEmpty(), "not applicable: every operation the endpoint implements has its own oracle");
        return others;
    }

    private void run(String action, boolean valid) {
        int count = Math.max(1, Integer.getInteger(COUNT_PROPERTY, 2000) / 2);
        long seed = Long.getLong(SEED_PROPERTY, 20261129L) + (valid ? 0 : 1);
        Listing listing = listing(Integer.MAX_VALUE);
        OperationOracle judge = ORACLES.getOrDefault(action, new DocumentOracle(action));
        List<String> ids = judge.namesListedImages() ? listing.images().stream().map(i -> i.path("ImageId").asText()).distinct().toList()
                : List.of();
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
        Oracle oracle = new Oracle(judge, listing.images());
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

    /** What the answers are judged against: the operation's oracle and the account's listing. */
    private record Oracle(OperationOracle judge, List<JsonNode> listing) {
        String action() {
            return judge.action();
        }
    }

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
            return answer.status() == 400 && code.equals(answer.code()) ? Optional.empty()
                    : broke(oracle.judge().ruleOfInvalid(request.invalid(), code), "expected 400 " + code + ", got " + answer.status() + " "
                            + answer.code());
        }
        return oracle.judge().validAnswerProblem(request, answer, oracle.listing());
    }
}
