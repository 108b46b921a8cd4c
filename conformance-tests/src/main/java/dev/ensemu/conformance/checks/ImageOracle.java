package dev.ensemu.conformance.checks;

import static dev.ensemu.conformance.checks.OperationOracle.broke;
import static dev.ensemu.conformance.checks.OperationOracle.given;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ensemu.conformance.client.Answer;
import java.util.List;
import java.util.Optional;

/**
 * An operation that names one image (ExportImage, DescribeExportImageStatus): a listed one gets
 * its status (only when the operation may name listed images), any other 404 InvalidImageId.NotFound.
 */
record ImageOracle(String action, boolean namesListedImages) implements OperationOracle {
    @Override
    public String ruleOfInvalid(String parameter, String code) {
        return code.equals("MissingParameter") ? "R-EXP-01" : "R-EXP-02";
    }

    @Override
    public Optional<String> validAnswerProblem(RequestGenerator.Generated request, Answer answer, List<JsonNode> listing) {
        String imageId = given(request, "ImageId");
        boolean listed = listing.stream().anyMatch(i -> i.path("ImageId").asText().equals(imageId));
        if (!listed) {
            return answer.status() == 404 && "InvalidImageId.NotFound".equals(answer.code()) ? Optional.empty()
                    : broke(answer.status() == 400 ? "R-EXP-02" : "R-EXP-03", "every value the document allows is accepted and "
                            + imageId + " is no image of the account; expected 404 InvalidImageId.NotFound, got " + answer.status() + " " + answer.code());
        }
        if (answer.status() != 200) {
            return broke("R-STA-01", "expected 200 for a listed image, got " + answer.status() + " " + answer.code());
        }
        String status = answer.json().path("ImageExportStatus").asText();
        return CheckSupport.STATUSES.contains(status) ? Optional.empty()
                : broke("R-STA-01", "ImageExportStatus " + status + " is not one of the document's");
    }
}
