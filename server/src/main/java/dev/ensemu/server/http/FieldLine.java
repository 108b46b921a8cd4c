package dev.ensemu.server.http;

/**
 * A byte-at-a-time check of one raw field line ({@code name ":" OWS value OWS CRLF}, RFC 9112
 * section 5), used for the request's header fields and for the trailer fields of a chunked body.
 * Grizzly's own parser is lenient where leniency lets a proxy and this server disagree on where a
 * request ends: it takes {@code "Transfer-Encoding : chunked"} for an unknown field, joins
 * obs-fold continuation lines, and skips a bare CR. Those lines are refused here instead.
 * <p>
 * Feed {@link #step} each byte from {@link #START}; a negative result is a refusal (see
 * {@link #problem}), {@link #END_CRLF} or {@link #END_LF} means the line ended with that byte.
 */
final class FieldLine {
    static final int START = 0;
    static final int NAME = 1;
    private static final int VALUE = 2;
    private static final int CR = 3;
    /** The line ended with CR LF. */
    static final int END_CRLF = 4;
    /** The line ended with a bare LF (RFC 9112 section 2.2: a recipient MAY accept it in the head). */
    static final int END_LF = 5;

    private static final int LEADING_WHITESPACE = -1;
    private static final int NAME_NOT_A_TOKEN = -2;
    private static final int WHITESPACE_BEFORE_COLON = -3;
    private static final int NO_COLON = -4;
    private static final int CONTROL_CHARACTER = -5;
    private static final int BARE_CR = -6;

    private static final boolean[] TCHAR = new boolean[256];
    /** Bytes a field value may hold: HTAB, SP, visible ASCII and obs-text (RFC 9110 section 5.5). */
    private static final boolean[] VALUE_CHAR = new boolean[256];

    static {
        for (int b = 0; b < 256; b++) {
            VALUE_CHAR[b] = b == '\t' || (b >= 0x20 && b != 0x7F);
        }
        for (char c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[Character.toUpperCase(c)] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
    }

    private FieldLine() {}

    /** Whether the byte may be part of a token (a field name, a transfer coding). */
    static boolean isTokenChar(int b) {
        return TCHAR[b & 0xFF];
    }

    /** Whether the byte may stand inside a field value (no CR, LF, NUL or other control). */
    static boolean isValueChar(int b) {
        return VALUE_CHAR[b & 0xFF];
    }

    /** The state after one more byte of the line. */
    static int step(int state, byte value) {
        int b = value & 0xFF;
        return switch (state) {
            case START -> b == ' ' || b == '\t' ? LEADING_WHITESPACE : TCHAR[b] ? NAME : b == ':' ? NAME_NOT_A_TOKEN : lineEndOr(b, NAME_NOT_A_TOKEN);
            case NAME -> TCHAR[b] ? NAME : b == ':' ? VALUE : b == ' ' || b == '\t' ? WHITESPACE_BEFORE_COLON : lineEndOr(b, NAME_NOT_A_TOKEN);
            case VALUE -> VALUE_CHAR[b] ? VALUE : b == '\r' ? CR : b == '\n' ? END_LF : CONTROL_CHARACTER;
            case CR -> b == '\n' ? END_CRLF : BARE_CR;
            default -> throw new IllegalStateException("the line has ended already");
        };
    }

    private static int lineEndOr(int b, int otherwise) {
        return b == '\r' || b == '\n' ? NO_COLON : otherwise;
    }

    /** What a negative state means, for the error message. */
    static String problem(int state) {
        return switch (state) {
            case LEADING_WHITESPACE -> "a header line starts with whitespace (obsolete line folding is not accepted)";
            case NAME_NOT_A_TOKEN -> "a header name must be a non-empty token";
            case WHITESPACE_BEFORE_COLON -> "whitespace between a header name and the colon";
            case NO_COLON -> "a header line has no colon";
            case CONTROL_CHARACTER -> "a header value holds a control character";
            case BARE_CR -> "a CR in the head is not followed by LF";
            default -> throw new IllegalArgumentException("not a refusal: " + state);
        };
    }
}
