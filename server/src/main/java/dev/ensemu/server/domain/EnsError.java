package dev.ensemu.server.domain;

/**
 * Every error the emulator answers with, as ENS and the Alibaba Cloud gateway word them. A
 * {@code %s} in a code or message is filled from the arguments of {@link EnsException}.
 */
public enum EnsError {
    MISSING_PARAMETER(400, "MissingParameter",
            "The input parameter \"%s\" that is mandatory for processing this request is not supplied."),
    INVALID_ACTION(404, "InvalidAction.NotFound",
            "Specified api is not found, please check your url and method."),
    INVALID_VERSION(400, "InvalidVersion", "Specified parameter Version is not valid."),
    INVALID_PARAMETER_FIELD(400, "InvalidParameter.%s", "The specified field %s invalid. Please check it again."),
    INVALID_PARAMETER(400, "InvalidParameter", "The errorMessage is %s. Please check it again."),
    INCOMPLETE_SIGNATURE(400, "IncompleteSignature",
            "The request signature does not conform to Aliyun standards. %s"),
    ACCESS_KEY_NOT_FOUND(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found."),
    ACCESS_KEY_INACTIVE(400, "InvalidAccessKeyId.Inactive", "Specified access key is disabled."),
    MISSING_SECURITY_TOKEN(400, "MissingSecurityToken", "SecurityToken is mandatory for temporary credentials."),
    SECURITY_TOKEN_MALFORMED(400, "InvalidSecurityToken.Malformed", "Specified SecurityToken is malformed."),
    SECURITY_TOKEN_MISMATCH(400, "InvalidSecurityToken.MismatchWithAccessKey", "Specified SecurityToken mismatch with the AccessKey."),
    SECURITY_TOKEN_EXPIRED(400, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired."),
    SIGNATURE_DOES_NOT_MATCH(400, "SignatureDoesNotMatch",
            "Specified signature is not matched with our calculation. server string to sign is:%s"),
    TIMESTAMP_FORMAT(400, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted."),
    TIMESTAMP_EXPIRED(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired."),
    SIGNATURE_NONCE_USED(400, "SignatureNonceUsed", "Specified signature nonce was used already."),
    NO_PERMISSION(400, "NoPermission", "Permission denied."),
    IMAGE_NOT_FOUND(404, "InvalidImageId.NotFound", "The specified ImageId does not exist."),
    INCORRECT_IMAGE_STATUS(400, "IncorrectImageStatus", "The current status of the image does not support this operation."),
    INTERFACE_ERROR(400, "ens.interface.error", "An error occurred while calling the API."),
    CALL_INTERFACE(400, "CallInterface", "Call Interface Happen Error."),
    THROTTLING_USER(400, "Throttling.User", "Request was denied due to user flow control."),
    // Answered at the HTTP level, before the request reaches the application (SPEC-NOTES 30).
    MALFORMED_REQUEST(400, "BadRequest", "The request is not well-formed HTTP/1.1: %s."),
    REQUEST_LINE_TOO_LONG(414, "RequestURITooLong", "The request line is longer than %s bytes."),
    HEADERS_TOO_LARGE(431, "RequestHeaderFieldsTooLarge", "The request headers are over the limit of %s."),
    TRANSFER_CODING_NOT_IMPLEMENTED(501, "NotImplemented", "The transfer coding %s is not implemented: only chunked is."),
    INTERNAL_ERROR(500, "InternalError", "The request processing has failed due to some unknown error."),
    // The shared database cannot be reached (SPEC-NOTES 31): retry later, nothing was changed.
    SERVICE_UNAVAILABLE(503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server."),
    // With --upstream (SPEC-NOTES 39): the upstream gave no answer in time, or no ENS answer.
    UPSTREAM_UNAVAILABLE(503, "ServiceUnavailable", "The upstream endpoint did not answer: %s."),
    UPSTREAM_NOT_ENS(502, "ServiceUnavailable", "The upstream endpoint's answer is not an ENS answer: %s.");

    /**
     * The envelope's and the signature's fields an {@code InvalidParameter.<Field>} code may name;
     * an operation's own parameters are the OpenAPI document's (the metrics learn them from the
     * served operations).
     */
    private static final java.util.Set<String> ENVELOPE_FIELDS = java.util.Set.of("Action", "Version", "Format", "RegionId",
            "AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp", "SecurityToken");
    private static final java.util.Set<String> CODES = catalogued();

    private final int status;
    private final String code;
    private final String message;

    EnsError(int status, String code, String message) {
        this.status = status;
        this.code = code;
        this.message = message;
    }

    public int status() {
        return status;
    }

    /** The Code, or its template ({@code InvalidParameter.%s}) for the one error that names a field. */
    public String code() {
        return code;
    }

    /**
     * Whether the code is one of this catalogue's, with {@code InvalidParameter.<Field>} only for
     * the envelope's fields: a closed set, so a client cannot invent new ones (metrics label by it).
     */
    public static boolean isCatalogued(String code) {
        return CODES.contains(code);
    }

    private static java.util.Set<String> catalogued() {
        java.util.Set<String> codes = new java.util.HashSet<>();
        for (EnsError error : values()) {
            if (!error.code.contains("%s")) {
                codes.add(error.code);
            }
        }
        ENVELOPE_FIELDS.forEach(field -> codes.add(invalidParameter(field)));
        return java.util.Set.copyOf(codes);
    }

    /** The Code of a malformed value of {@code field}: {@code InvalidParameter.<field>}. */
    public static String invalidParameter(String field) {
        return String.format(INVALID_PARAMETER_FIELD.code, field);
    }

    String messageTemplate() {
        return message;
    }
}
