package dev.ensemu.contract.exchange;

import dev.ensemu.contract.report.Level;
import java.util.List;

/**
 * The contract's rules that one exchange can show broken, each as a check with the rules it holds
 * the exchange to (ids of the conformance kit's {@code rules.yaml}). The conformance suite checks the
 * same rules by calling an endpoint; these judge calls someone else made, e.g. through the proxy.
 */
public enum ExchangeCheck {
    SCHEMA("XCH-01", Level.MUST, "the answer is ENS-shaped and validates against the document's schema for its operation and status",
            Inspections::schema, "R-ANS-13"),
    REQUEST_ID("XCH-02", Level.MUST, "RequestId is an upper-case UUID, the same as the x-acs-request-id header", Inspections::requestId,
            "R-ANS-07"),
    NO_CODE_ON_SUCCESS("XCH-03", Level.MUST, "a success body carries no Code key", Inspections::noCodeOnSuccess, "R-ANS-08"),
    ERROR_ENVELOPE("XCH-04", Level.MUST, "an error is {RequestId, HostId, Code, Message}, JSON unless XML was asked for",
            Inspections::errorEnvelope, "R-ERR-01"),
    JSON_SHAPE("XCH-05", Level.MUST, "a JSON answer is application/json, the listing shaped Images.Image with counters as numbers",
            Inspections::jsonShape, "R-ANS-09"),
    PAGE_ECHO("XCH-06", Level.MUST, "the listing echoes the effective PageNumber and PageSize (1 and 10 when not given)",
            Inspections::pageEcho, "R-ANS-04", "R-PAR-07"),
    PAGE_LENGTH("XCH-07", Level.MUST, "a page holds min(PageSize, what is left of TotalCount) images", Inspections::pageLength, "R-ANS-02"),
    EXPORT_URL("XCH-08", Level.MUST, "each listed image's ExportedImageURL is present, set when Exported and \"\" otherwise",
            Inspections::exportUrl, "R-ANS-05"),
    CREATION_TIME("XCH-09", Level.MUST, "CreationTime is UTC yyyy-MM-ddTHH:mm:ssZ", Inspections::creationTime, "R-ANS-06"),
    ENUM_VALUES("XCH-10", Level.MUST, "ImageExportStatus and ImageOwnerAlias take their documented values", Inspections::enumValues,
            "R-ANS-12"),
    EXACT_FILTERS("XCH-11", Level.MUST, "every listed image matches the ImageId and ImageName given, exactly", Inspections::exactFilters,
            "R-PAR-10"),
    PAGE_LIMITS("XCH-12", Level.MUST, "a PageSize or PageNumber out of its range is 400 InvalidParameter.<Name>, never served",
            Inspections::pageLimits, "R-PAR-08", "R-PAR-09"),
    EXPORT_ANSWER("XCH-13", Level.MUST, "ExportImage answers exactly {ExportedImageURL, RequestId}, the URL built from the call",
            Inspections::exportAnswer, "R-EXP-04"),
    STATUS_ANSWER("XCH-14", Level.MUST, "DescribeExportImageStatus answers exactly {ImageExportStatus, RequestId}",
            Inspections::statusAnswer, "R-STA-01"),
    FORMAT("XCH-15", Level.MUST, "Format=XML (any case) is answered in XML, anything else in JSON", Inspections::format, "R-PAR-12"),
    RAW_UTF8("XCH-16", Level.SHOULD, "non-ASCII text is raw UTF-8, never \\u escapes", Inspections::rawUtf8, "R-ANS-10"),
    XML_ROOT("XCH-17", Level.SHOULD, "XML answers are text/xml rooted at <ActionResponse>, errors at <Error>", Inspections::xmlRoot,
            "R-ANS-11", "R-ERR-02", "R-EXP-06"),
    REQUIRED_PARAMETERS("XCH-18", Level.MUST, "ExportImage and DescribeExportImageStatus without a required parameter are 400 MissingParameter",
            Inspections::requiredParameters, "R-EXP-01");

    /** Judges one answer: adds what is wrong to {@code problems}; false when the check does not apply to it. */
    @FunctionalInterface
    interface Inspection {
        boolean inspect(Answer answer, List<String> problems);
    }

    private final String id;
    private final Level level;
    private final String description;
    private final Inspection inspection;
    private final List<String> rules;

    ExchangeCheck(String id, Level level, String description, Inspection inspection, String... rules) {
        this.id = id;
        this.level = level;
        this.description = description;
        this.inspection = inspection;
        this.rules = List.of(rules);
    }

    public String id() {
        return id;
    }

    public Level level() {
        return level;
    }

    public String description() {
        return description;
    }

    public List<String> rules() {
        return rules;
    }

    boolean inspect(Answer answer, List<String> problems) {
        return inspection.inspect(answer, problems);
    }
}
