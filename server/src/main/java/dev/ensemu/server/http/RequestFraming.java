package dev.ensemu.server.http;

import dev.ensemu.server.domain.EnsError;
import dev.ensemu.server.domain.EnsException;
import java.util.Locale;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.http.HttpPacketParsing;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http.util.DataChunk;
import org.glassfish.grizzly.http.util.MimeHeaders;

/**
 * The rules that decide where a request ends (RFC 9112 sections 5, 6 and 11.2), applied so that
 * this server never reads a request's length differently from a proxy in front of it: a request
 * that could be read two ways is refused and its connection closed (SPEC-NOTES 30a).
 */
final class RequestFraming {
    /** {@link #fieldLineEnd} result: the line, or the byte after it, has not arrived yet. */
    static final int INCOMPLETE = -1;

    private RequestFraming() {}

    /**
     * Where the raw field line starting at {@code from} ends (the index after its LF), once the
     * whole line and the byte after it have arrived; that byte tells an obs-fold continuation.
     * The name and the value are skipped in tight loops (this runs on every header of every
     * request); the byte that ends each run goes through {@link FieldLine#step}, which says what
     * is wrong with it if anything is.
     */
    static int fieldLineEnd(byte[] input, int from, int limit) {
        int i = from;
        while (i < limit && FieldLine.isTokenChar(input[i])) {
            i++;
        }
        if (i == limit) {
            return INCOMPLETE;
        }
        // the colon, or what is wrong instead
        int state = refuseIfNegative(FieldLine.step(i == from ? FieldLine.START : FieldLine.NAME, input[i]));
        for (i++; i < limit && FieldLine.isValueChar(input[i]); i++) {
            // the value
        }
        for (; i < limit; i++) {
            if (state == FieldLine.END_CRLF || state == FieldLine.END_LF) {
                return afterLine(input[i], i);
            }
            state = refuseIfNegative(FieldLine.step(state, input[i]));
        }
        return INCOMPLETE;
    }

    /** {@link #fieldLineEnd(byte[], int, int)} on a buffer that has no array (data that arrived in several reads). */
    static int fieldLineEnd(Buffer input, int from, int limit) {
        int state = FieldLine.START;
        for (int i = from; i < limit; i++) {
            if (state == FieldLine.END_CRLF || state == FieldLine.END_LF) {
                return afterLine(input.get(i), i);
            }
            state = refuseIfNegative(FieldLine.step(state, input.get(i)));
        }
        return INCOMPLETE;
    }

    private static int afterLine(byte next, int index) {
        if (next == ' ' || next == '\t') {
            throw malformed("obsolete line folding (a header line continued on the next) is not accepted");
        }
        return index;
    }

    private static int refuseIfNegative(int state) {
        if (state < 0) {
            throw malformed(FieldLine.problem(state));
        }
        return state;
    }

    /**
     * The length rules on a parsed head: Content-Length given once as digits, or Transfer-Encoding
     * ending in the one coding implemented ({@code chunked}), never both, never on HTTP/1.0.
     * Non-decimal lengths already failed in Grizzly's parser. An accepted Transfer-Encoding is
     * set on the request, so that Grizzly reads the body chunked exactly when these rules do (its
     * own test is whether the first field starts with "chunked", which {@code ", chunked"} fails).
     */
    static void frameBody(HttpRequestPacket request) {
        MimeHeaders headers = request.getHeaders();
        // Grizzly drops Content-Length fields from the headers once it has seen chunked, but counts those it read before.
        int contentLengths = ((HttpPacketParsing) request).getHeaderParsingState().contentLengthHeadersCount;
        int listed = 0;
        StringBuilder transferCodings = null;
        for (int i = 0, size = headers.size(); i < size; i++) {
            DataChunk name = headers.getName(i);
            if (name.getLength() == 14 && name.equalsIgnoreCase("content-length")) {
                listed++;
            } else if (name.getLength() == 17 && name.equalsIgnoreCase("transfer-encoding")) {
                transferCodings = (transferCodings == null ? new StringBuilder() : transferCodings.append(',')).append(headers.getValue(i));
            }
        }
        contentLengths = Math.max(contentLengths, listed);
        if (transferCodings == null) {
            if (contentLengths > 1) {
                throw malformed("more than one Content-Length");
            }
            return;
        }
        if (request.getProtocol() == Protocol.HTTP_1_0) {
            throw malformed("Transfer-Encoding in an HTTP/1.0 request");
        }
        if (contentLengths > 0) {
            throw malformed("both Content-Length and Transfer-Encoding");
        }
        checkTransferCodings(transferCodings.toString());
        request.setChunked(true);
    }

    /**
     * A comma-separated list of codings (empty elements ignored, RFC 9110 section 5.6.1) whose last
     * one is {@code chunked}, given once and without parameters; any other coding is not implemented.
     */
    static void checkTransferCodings(String value) {
        String last = null;
        String unimplemented = null;
        int chunked = 0;
        for (String element : value.split(",", -1)) {
            String coding = element.strip();
            if (coding.isEmpty()) {
                continue;
            }
            int parameters = coding.indexOf(';');
            String name = (parameters < 0 ? coding : coding.substring(0, parameters)).strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty() || !name.chars().allMatch(FieldLine::isTokenChar)) {
                throw malformed("the transfer coding '" + coding + "' is not a token");
            }
            if (name.equals("chunked")) {
                if (parameters >= 0) {
                    throw malformed("the chunked transfer coding takes no parameters");
                }
                chunked++;
            } else if (unimplemented == null) {
                unimplemented = name;
            }
            last = name;
        }
        if (last == null) {
            throw malformed("Transfer-Encoding names no coding");
        }
        if (!last.equals("chunked")) {
            throw malformed("the final transfer coding must be chunked");
        }
        if (chunked > 1) {
            throw malformed("chunked is applied more than once");
        }
        if (unimplemented != null) {
            throw new EnsException(EnsError.TRANSFER_CODING_NOT_IMPLEMENTED, unimplemented);
        }
    }

    static EnsException malformed(String problem) {
        return new EnsException(EnsError.MALFORMED_REQUEST, problem);
    }
}
