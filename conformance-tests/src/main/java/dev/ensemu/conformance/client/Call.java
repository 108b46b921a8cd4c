package dev.ensemu.conformance.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One DescribeExportImageInfo request as a check wants it, before signing and encoding: where
 * the parameters go, how the operation is named, and what to change to provoke an error.
 */
public final class Call {
    /** How the operation is named. */
    public enum Naming { PARAMETERS_AND_HEADERS, HEADERS_ONLY, NONE }

    String method = "GET";
    String path = "/";
    final List<Map.Entry<String, String>> query = new ArrayList<>();
    final List<Map.Entry<String, String>> form = new ArrayList<>();
    final Map<String, String> headers = new LinkedHashMap<>();
    Naming naming = Naming.PARAMETERS_AND_HEADERS;
    String action = "DescribeExportImageInfo";
    String version = "2017-11-10";
    boolean signed = true;
    /** Empty: the run's token (with the run's key); otherwise exactly this token, or none. */
    Optional<Optional<String>> securityToken = Optional.empty();
    boolean signatureInBody;
    Optional<String> keyId = Optional.empty();
    Optional<String> secret = Optional.empty();
    Optional<Instant> timestamp = Optional.empty();
    Optional<String> nonce = Optional.empty();
    final Map<String, String> tampered = new LinkedHashMap<>();
    /** V1 signature parameters left out, and ones sent with other text (both signed as usual). */
    final java.util.Set<String> omitted = new java.util.HashSet<>();
    final Map<String, String> signatureTexts = new LinkedHashMap<>();
    UnaryOperator<String> wireEncoding = RpcSigner::percentEncode;

    private Call() {}

    public static Call get() {
        return new Call();
    }

    public static Call post() {
        Call call = new Call();
        call.method = "POST";
        return call;
    }

    public Call method(String method) {
        this.method = method;
        return this;
    }

    public Call path(String path) {
        this.path = path;
        return this;
    }

    /** A parameter in the query string. */
    public Call query(String name, Object value) {
        query.add(Map.entry(name, String.valueOf(value)));
        return this;
    }

    /** A parameter in an {@code application/x-www-form-urlencoded} body (makes the call a POST body). */
    public Call form(String name, Object value) {
        form.add(Map.entry(name, String.valueOf(value)));
        return this;
    }

    public Call header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Call naming(Naming naming) {
        this.naming = naming;
        return this;
    }

    public Call action(String action) {
        this.action = action;
        return this;
    }

    public Call version(String version) {
        this.version = version;
        return this;
    }

    /** Sends this SecurityToken (or none, with null) instead of the run's. */
    public Call securityToken(String token) {
        this.securityToken = Optional.of(Optional.ofNullable(token));
        return this;
    }

    /** Sent without any signature, whatever the target's scheme. */
    public Call unsigned() {
        this.signed = false;
        return this;
    }

    /** Puts the V1 signature parameters in the body, as pop-core does. */
    public Call signatureInBody() {
        this.signatureInBody = true;
        return this;
    }

    public Call signedWith(String keyId, String secret) {
        this.keyId = Optional.of(keyId);
        this.secret = Optional.of(secret);
        return this;
    }

    public Call signedWithSecret(String secret) {
        this.secret = Optional.of(secret);
        return this;
    }

    public Call at(Instant timestamp) {
        this.timestamp = Optional.of(timestamp);
        return this;
    }

    public Call nonce(String nonce) {
        this.nonce = Optional.of(nonce);
        return this;
    }

    /**
     * Leaves a signature parameter out (V1: AccessKeyId, SignatureMethod, SignatureVersion,
     * SignatureNonce, Timestamp or Signature; V3: the x-acs-date or x-acs-signature-nonce header);
     * the rest is signed as usual.
     */
    public Call without(String signatureParameter) {
        omitted.add(signatureParameter);
        return this;
    }

    /** Sends a V1 signature parameter with exactly this text (another SignatureMethod, an unparsable Timestamp), signed as usual. */
    public Call signatureParameter(String name, String text) {
        signatureTexts.put(name, text);
        return this;
    }

    /** Changes a parameter's value after the signature was computed, as a tampering proxy would. */
    public Call tamperAfterSigning(String name, String value) {
        tampered.put(name, value);
        return this;
    }

    /** How values are percent-encoded on the wire (clients differ: section 3 of docs/wire-protocol.md). */
    public Call wireEncoding(UnaryOperator<String> encoding) {
        this.wireEncoding = encoding;
        return this;
    }
}
