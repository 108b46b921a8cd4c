package dev.ensemu.conformance.checks;

import static dev.ensemu.conformance.checks.OperationOracle.broke;
import static dev.ensemu.conformance.checks.OperationOracle.given;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ensemu.conformance.client.Answer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/** DescribeExportImageInfo: a valid request gets the page the full listing implies (exact filters, defaults, echo, slice, TotalCount). */
final class ListingOracle implements OperationOracle {
    /** The rule an invalid value of each parameter breaks when it is not refused with its own Code. */
    private static final Map<String, String> RULE_OF_PARAMETER = Map.of("PageSize", "R-PAR-08", "PageNumber", "R-PAR-09",
            "ImageId", "R-PAR-11", "ImageName", "R-PAR-11");

    @Override
    public String action() {
        return "DescribeExportImageInfo";
    }

    @Override
    public boolean namesListedImages() {
        return true;
    }

    @Override
    public String ruleOfInvalid(String parameter, String code) {
        return RULE_OF_PARAMETER.getOrDefault(parameter, "R-ANS-13");
    }

    @Override
    public Optional<String> validAnswerProblem(RequestGenerator.Generated request, Answer answer, List<JsonNode> listing) {
        if (answer.status() != 200) {
            String rules = request.values().keySet().stream().map(RULE_OF_PARAMETER::get).filter(Objects::nonNull).distinct()
                    .sorted().collect(Collectors.joining(", "));
            return broke(rules.isEmpty() ? "R-PAR-07" : rules, "every value the document allows is served; expected 200, got "
                    + answer.status() + " " + answer.code());
        }
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
        boolean filtered = imageId != null || imageName != null;
        if (answer.totalCount() != matching.size()) {
            return broke(filtered ? "R-PAR-10" : "R-ANS-04", "TotalCount " + answer.totalCount() + ", the listing implies " + matching.size());
        }
        long echoedNumber = answer.json().path("PageNumber").asLong();
        int echoedSize = answer.json().path("PageSize").asInt();
        if (echoedNumber != pageNumber || echoedSize != pageSize) {
            boolean defaulted = given(request, "PageSize") == null || given(request, "PageNumber") == null;
            return broke(defaulted ? "R-PAR-07" : "R-ANS-04", "echoed PageNumber " + echoedNumber + " and PageSize " + echoedSize
                    + ", expected " + pageNumber + " and " + pageSize);
        }
        List<String> ids = answer.imageIds();
        return ids.equals(expected) ? Optional.empty()
                : broke(filtered ? "R-PAR-10" : "R-ANS-02", "images " + ids + ", the listing implies " + expected);
    }
}
