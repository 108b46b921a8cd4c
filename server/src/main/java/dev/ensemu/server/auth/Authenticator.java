package dev.ensemu.server.auth;

import dev.ensemu.server.domain.Account;
import dev.ensemu.server.domain.AccountDirectory;
import dev.ensemu.server.domain.AccountDirectory.KeyOwner;
import dev.ensemu.server.domain.EnsError;
import dev.ensemu.server.domain.EnsException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

/**
 * Decides who sent an RPC call, checking in ENS's order: key known, key active, timestamp,
 * SecurityToken, signature, nonce (recorded only once the signature is good), permission. The
 * first failing check decides the Code.
 */
public final class Authenticator {
    /** How far a request's clock may be from ours, and how long a nonce stays used. */
    public static final Duration WINDOW = Duration.ofMinutes(15);
    /** Where V1 carries the token of temporary credentials (a signed parameter) and where V3 does (a signed header). */
    public static final String SECURITY_TOKEN_PARAMETER = "SecurityToken";
    public static final String SECURITY_TOKEN_HEADER = "x-acs-security-token";
    private static final List<String> V1_REQUIRED =
            List.of("AccessKeyId", V1Signature.SIGNATURE, "SignatureNonce", "Timestamp", "SignatureMethod");

    private final Supplier<AccountDirectory> directory;
    private final AuthMode mode;
    private final Clock clock;
    private final Optional<Nonces> nonces;
    private final LongPredicate refresh;

    /**
     * @param directory the current keys (a reset of the emulator may replace them)
     * @param nonces    where used nonces are remembered; empty turns replay protection off
     * @param refresh   applies every write acknowledged before the given {@link System#nanoTime()}
     *                  (how cheaply is the storage's business); true if anything changed
     */
    public Authenticator(Supplier<AccountDirectory> directory, AuthMode mode, Clock clock, Optional<Nonces> nonces,
            LongPredicate refresh) {
        this.directory = directory;
        this.mode = mode;
        this.clock = clock;
        this.nonces = nonces;
        this.refresh = refresh;
    }

    /** Keys that only this process changes. */
    public Authenticator(Supplier<AccountDirectory> directory, AuthMode mode, Clock clock, Optional<Nonces> nonces) {
        this(directory, mode, clock, nonces, notBefore -> false);
    }

    /** A verified signature, and the nonce it still has to claim (none for anonymous calls). */
    private record Verified(Caller caller, String keyId, String nonce, Instant requestTime) {}

    /** Whether this call's nonce is already recorded: a call judged twice records it once. */
    private static final class NonceClaim {
        private boolean recorded;
    }

    /**
     * Who made the call, or why it is refused, judged on the keys as they are after every write
     * acknowledged before the call arrived, and at most twice: first on this instance's copy of the
     * keys; then, only if writes acknowledged before the call arrived were still to be applied
     * (with keys shared between instances, the nonce statement of the first judgement usually
     * tells at no extra cost), once more on the fresh keys, without recording the nonce twice.
     */
    public Caller authenticate(SignedRequest call) {
        long arrived = System.nanoTime();
        NonceClaim claim = new NonceClaim();
        Caller caller;
        try {
            caller = judge(call, claim);
        } catch (EnsException refused) {
            if (!refresh.test(arrived)) {
                throw refused;
            }
            return judge(call, claim);
        }
        return refresh.test(arrived) ? judge(call, claim) : caller;
    }

    /**
     * The checks in order. The nonce is recorded as soon as the signature is good, before
     * permission (ENS's gateway verifies a signature, nonce included, before it authorizes), so a
     * call refused {@code NoPermission} has used its nonce.
     */
    private Caller judge(SignedRequest call, NonceClaim claim) {
        String authorization = call.header("Authorization");
        Verified verified;
        if (authorization != null && !authorization.isBlank()) {
            verified = verifyV3(call, V3Signature.Authorization.parse(authorization.strip()));
        } else if (call.has("AccessKeyId") || call.has(V1Signature.SIGNATURE)) {
            verified = verifyV1(call);
        } else if (mode == AuthMode.ANONYMOUS) {
            verified = new Verified(Caller.anonymous(directory.get().defaultAccount()), null, null, null);
        } else {
            throw new EnsException(EnsError.INCOMPLETE_SIGNATURE, "The request carries no signature.");
        }
        if (!claim.recorded && verified.nonce() != null) {
            useNonce(verified.keyId(), verified.nonce(), verified.requestTime());
            claim.recorded = true;
        }
        if (!verified.caller().account().mayCall(call.ramAction())) {
            throw new EnsException(EnsError.NO_PERMISSION);
        }
        return verified.caller();
    }

    private Verified verifyV1(SignedRequest params) {
        for (String name : V1_REQUIRED) {
            if (params.given(name) == null) {
                throw new EnsException(EnsError.MISSING_PARAMETER, name);
            }
        }
        if (!"HMAC-SHA1".equalsIgnoreCase(params.given("SignatureMethod"))) {
            throw new EnsException(EnsError.INCOMPLETE_SIGNATURE, "SignatureMethod must be HMAC-SHA1.");
        }
        String version = params.given("SignatureVersion");
        if (version != null && !"1.0".equals(version)) {
            throw new EnsException(EnsError.INCOMPLETE_SIGNATURE, "SignatureVersion must be 1.0.");
        }
        KeyOwner owner = knownKey(params.given("AccessKeyId"));
        Instant requestTime = withinWindow(params.given("Timestamp"));
        checkSecurityToken(owner, params.given(SECURITY_TOKEN_PARAMETER));

        String given = params.given(V1Signature.SIGNATURE);
        String secret = owner.key().secret();
        String stringToSign = V1Signature.stringToSign(params.method(), params.signedParameters(), true);
        boolean matches = Hashes.sameText(V1Signature.sign(secret, stringToSign), given);
        if (!matches && params.signedParameters().containsValue("")) {
            String withoutEmpty = V1Signature.stringToSign(params.method(), params.signedParameters(), false);
            matches = Hashes.sameText(V1Signature.sign(secret, withoutEmpty), given);
        }
        if (!matches) {
            throw new EnsException(EnsError.SIGNATURE_DOES_NOT_MATCH, stringToSign);
        }
        return new Verified(Caller.signed(owner.account(), owner.key().id(), SignatureScheme.V1), owner.key().id(),
                params.given("SignatureNonce"), requestTime);
    }

    private Verified verifyV3(SignedRequest call, V3Signature.Authorization authorization) {
        KeyOwner owner = knownKey(authorization.accessKeyId());
        String date = call.header("x-acs-date");
        if (date == null || date.isBlank()) {
            throw new EnsException(EnsError.MISSING_PARAMETER, "x-acs-date");
        }
        Instant requestTime = withinWindow(date.strip());
        String nonce = call.header("x-acs-signature-nonce");
        if (nonce == null || nonce.isBlank()) {
            throw new EnsException(EnsError.MISSING_PARAMETER, "x-acs-signature-nonce");
        }
        List<String> signed = authorization.signedHeaders().stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        if (!signed.contains("x-acs-date") || !signed.contains("x-acs-signature-nonce")) {
            throw new EnsException(EnsError.INCOMPLETE_SIGNATURE, "SignedHeaders must include x-acs-date and x-acs-signature-nonce.");
        }
        String token = call.header(SECURITY_TOKEN_HEADER);
        if (token != null && !token.isBlank() && !signed.contains(SECURITY_TOKEN_HEADER)) {
            throw new EnsException(EnsError.INCOMPLETE_SIGNATURE, "SignedHeaders must include x-acs-security-token when it is sent.");
        }
        checkSecurityToken(owner, token == null || token.isBlank() ? null : token.strip());

        // The hash of the body actually received goes into the canonical request, so a changed
        // body can never pass on the strength of a stale x-acs-content-sha256 header.
        String payloadHash = Hashes.sha256Hex(call.body());
        String canonicalRequest = V3Signature.canonicalRequest(
                call.method(), call.signedQuery(), signed, call::header, payloadHash);
        String stringToSign = V3Signature.stringToSign(canonicalRequest);
        String claimedHash = call.header("x-acs-content-sha256");
        boolean bodyIntact = claimedHash == null || claimedHash.strip().equalsIgnoreCase(payloadHash);
        if (!bodyIntact || !Hashes.sameText(V3Signature.sign(owner.key().secret(), stringToSign),
                authorization.signature().toLowerCase(Locale.ROOT))) {
            throw new EnsException(EnsError.SIGNATURE_DOES_NOT_MATCH, stringToSign);
        }
        return new Verified(Caller.signed(owner.account(), owner.key().id(), SignatureScheme.V3), owner.key().id(), nonce.strip(),
                requestTime);
    }

    /** The key's owner; an unknown key is NotFound, a disabled one Inactive. */
    private KeyOwner knownKey(String accessKeyId) {
        KeyOwner owner = directory.get().findKey(accessKeyId).orElseThrow(() -> new EnsException(EnsError.ACCESS_KEY_NOT_FOUND));
        if (!owner.key().active()) {
            throw new EnsException(EnsError.ACCESS_KEY_INACTIVE);
        }
        return owner;
    }

    /**
     * Temporary credentials need their own token, unexpired; a token that is not one we issued is
     * malformed, another key's token a mismatch (also when sent with a long-term key).
     */
    private void checkSecurityToken(KeyOwner owner, String token) {
        if (token == null) {
            if (owner.key().isTemporary()) {
                throw new EnsException(EnsError.MISSING_SECURITY_TOKEN);
            }
            return;
        }
        KeyOwner issuedTo = directory.get().findSecurityToken(token)
                .orElseThrow(() -> new EnsException(EnsError.SECURITY_TOKEN_MALFORMED));
        if (!issuedTo.key().id().equals(owner.key().id())) {
            throw new EnsException(EnsError.SECURITY_TOKEN_MISMATCH);
        }
        if (issuedTo.key().securityToken().orElseThrow().isExpiredAt(clock.instant())) {
            throw new EnsException(EnsError.SECURITY_TOKEN_EXPIRED);
        }
    }

    /** ISO 8601 UTC ({@code 2024-01-01T12:00:00Z}) within the window either side of our clock. */
    private Instant withinWindow(String timestamp) {
        Instant requestTime;
        try {
            requestTime = parseTimestamp(timestamp);
        } catch (DateTimeParseException e) {
            throw new EnsException(EnsError.TIMESTAMP_FORMAT);
        }
        Duration skew = Duration.between(requestTime, clock.instant()).abs();
        if (skew.compareTo(WINDOW) > 0) {
            throw new EnsException(EnsError.TIMESTAMP_EXPIRED);
        }
        return requestTime;
    }

    /**
     * The form every SDK sends, {@code 2026-11-29T10:00:00Z}, read digit by digit (cheaper than
     * {@code Instant.parse}, which runs on every signed call); anything else, including what it
     * would refuse, goes to {@code Instant.parse}, so both accept exactly the same texts.
     */
    static Instant parseTimestamp(String text) {
        if (text.length() == 20 && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && text.charAt(16) == ':' && text.charAt(19) == 'Z') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 2);
            int day = digits(text, 8, 2);
            int hour = digits(text, 11, 2);
            int minute = digits(text, 14, 2);
            int second = digits(text, 17, 2);
            if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= YearMonth.of(year, month).lengthOfMonth()
                    && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59) {
                long days = LocalDate.of(year, month, day).toEpochDay();
                return Instant.ofEpochSecond(days * 86_400 + hour * 3_600 + minute * 60 + second);
            }
        }
        return Instant.parse(text);
    }

    /** The decimal number in {@code length} characters from {@code from}, or -1 if one is not a digit. */
    private static int digits(String text, int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private void useNonce(String accessKeyId, String nonce, Instant requestTime) {
        if (nonces.isEmpty()) {
            return;
        }
        switch (nonces.get().register(accessKeyId, nonce, requestTime)) {
            case FRESH -> { }
            case REPLAYED -> throw new EnsException(EnsError.SIGNATURE_NONCE_USED);
            // Never forget a live nonce to make room: refusing is the only safe answer.
            case FULL -> throw new EnsException(EnsError.THROTTLING_USER);
        }
    }
}
