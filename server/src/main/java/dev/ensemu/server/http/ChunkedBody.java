package dev.ensemu.server.http;

import dev.ensemu.server.domain.EnsException;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.ParsingResult;
import org.glassfish.grizzly.http.TransferEncoding;

/**
 * The chunked transfer coding of request bodies, read strictly (RFC 9112 section 7.1), in place of
 * Grizzly's reader: that one skips whatever precedes the LF after a chunk's data, takes an empty
 * size line for the last chunk, and allows spaces around the size, each a way for a proxy and
 * this server to see different requests in the same bytes. Here the size is 1 to
 * {@value #MAX_SIZE_DIGITS} hex digits, extensions are printable and the size line at most
 * {@value #MAX_SIZE_LINE} bytes, every line ends in CR LF, chunk data is followed by exactly CR LF,
 * and trailer fields are checked like header fields and dropped. Anything else is
 * {@code 400 BadRequest} and the connection is closed. Answers are still chunked by Grizzly.
 */
final class ChunkedBody implements TransferEncoding {
    static final int MAX_SIZE_DIGITS = 16;
    static final int MAX_SIZE_LINE = 4096;
    private static final String STATE = ChunkedBody.class.getName();

    private enum Phase { SIZE, EXTENSION_SPACE, EXTENSION, SIZE_LF, DATA, DATA_CR, DATA_LF, TRAILER_START, TRAILER_FIELD, END_LF, DONE }

    /** Where one request's body is: kept on the request between reads. */
    private static final class Progress {
        Phase phase = Phase.SIZE;
        long size;
        int digits;
        int lineBytes;
        int fieldState;
        int trailerBytes;
    }

    private final TransferEncoding answers;
    private final int maxTrailerBytes;

    /** @param answers Grizzly's chunked coding, which still writes chunked answers */
    ChunkedBody(TransferEncoding answers, int maxTrailerBytes) {
        this.answers = answers;
        this.maxTrailerBytes = maxTrailerBytes;
    }

    @Override
    public boolean wantDecode(HttpHeader header) {
        return header.isChunked();
    }

    @Override
    public boolean wantEncode(HttpHeader header) {
        return answers.wantEncode(header);
    }

    @Override
    public void prepareSerialize(FilterChainContext ctx, HttpHeader header, HttpContent content) {
        answers.prepareSerialize(ctx, header, content);
    }

    @Override
    public Buffer serializePacket(FilterChainContext ctx, HttpContent content) {
        return answers.serializePacket(ctx, content);
    }

    /** Reads framing up to the next run of chunk data (returned as content) or the end of the body. */
    @Override
    public ParsingResult parsePacket(FilterChainContext ctx, HttpHeader header, Buffer input) {
        Progress progress = (Progress) header.getAttributes().getAttribute(STATE);
        if (progress == null) {
            progress = new Progress();
            header.getAttributes().setAttribute(STATE, progress);
        }
        int limit = input.limit();
        for (int i = input.position(); i < limit; i++) {
            if (progress.phase == Phase.DATA) {
                int end = (int) Math.min(limit, i + progress.size);
                progress.size -= end - i;
                if (progress.size == 0) {
                    progress.phase = Phase.DATA_CR;
                }
                Buffer rest = end < limit ? input.split(end) : null;
                input.position(i);
                return ParsingResult.create(header.httpContentBuilder().content(input).build(), rest);
            }
            read(progress, input.get(i));
            if (progress.phase == Phase.DONE) {
                Buffer rest = i + 1 < limit ? input.split(i + 1) : null;
                return ParsingResult.create(header.httpTrailerBuilder().build(), rest);
            }
        }
        return ParsingResult.create(null, null);
    }

    /** One byte of framing (anything but chunk data). */
    private void read(Progress progress, byte b) {
        switch (progress.phase) {
            case SIZE -> {
                int digit = Character.digit(b, 16);
                if (digit >= 0) {
                    if (++progress.digits > MAX_SIZE_DIGITS || progress.size > (Long.MAX_VALUE >> 4)) {
                        throw refused("a chunk size over " + MAX_SIZE_DIGITS + " hex digits or 2^63 bytes");
                    }
                    progress.size = (progress.size << 4) + digit;
                } else if (progress.digits == 0) {
                    throw refused("a chunk size must start with a hex digit");
                } else if (b == ';') {
                    progress.phase = Phase.EXTENSION;
                } else if (b == ' ' || b == '\t') {
                    progress.phase = Phase.EXTENSION_SPACE;
                } else {
                    sizeLineEnd(progress, b);
                }
                countSizeLine(progress);
            }
            case EXTENSION_SPACE -> {
                if (b == ';') {
                    progress.phase = Phase.EXTENSION;
                } else if (b != ' ' && b != '\t') {
                    throw refused("only a chunk extension may follow the chunk size");
                }
                countSizeLine(progress);
            }
            case EXTENSION -> {
                if (b == '\r') {
                    progress.phase = Phase.SIZE_LF;
                } else if (b != '\t' && (b & 0xFF) < 0x20 || b == 0x7F) {
                    throw refused("a chunk extension holds a control character or a bare LF");
                }
                countSizeLine(progress);
            }
            case SIZE_LF -> {
                expect(b, '\n', "the chunk size line must end in CR LF");
                progress.lineBytes = 0;
                progress.digits = 0;
                progress.phase = progress.size == 0 ? Phase.TRAILER_START : Phase.DATA;
            }
            case DATA_CR -> {
                expect(b, '\r', "chunk data must be followed by CR LF");
                progress.phase = Phase.DATA_LF;
            }
            case DATA_LF -> {
                expect(b, '\n', "chunk data must be followed by CR LF");
                progress.phase = Phase.SIZE;
            }
            case TRAILER_START -> {
                countTrailer(progress);
                if (b == '\r') {
                    progress.phase = Phase.END_LF;
                } else {
                    progress.fieldState = fieldStep(FieldLine.START, b);
                    progress.phase = Phase.TRAILER_FIELD;
                }
            }
            case TRAILER_FIELD -> {
                countTrailer(progress);
                progress.fieldState = fieldStep(progress.fieldState, b);
                if (progress.fieldState == FieldLine.END_CRLF) {
                    progress.phase = Phase.TRAILER_START;
                }
            }
            case END_LF -> {
                expect(b, '\n', "the chunked body must end in CR LF");
                progress.phase = Phase.DONE;
            }
            default -> throw new IllegalStateException(progress.phase.name());
        }
    }

    private static void sizeLineEnd(Progress progress, byte b) {
        if (b != '\r') {
            throw refused("a chunk size line holds a character other than hex digits, an extension and CR LF");
        }
        progress.phase = Phase.SIZE_LF;
    }

    private static void countSizeLine(Progress progress) {
        if (++progress.lineBytes > MAX_SIZE_LINE) {
            throw refused("a chunk size line over " + MAX_SIZE_LINE + " bytes");
        }
    }

    private void countTrailer(Progress progress) {
        if (++progress.trailerBytes > maxTrailerBytes) {
            throw refused("trailer fields over " + maxTrailerBytes + " bytes");
        }
    }

    private static int fieldStep(int state, byte b) {
        int next = FieldLine.step(state, b);
        if (next < 0) {
            throw refused("in the trailer, " + FieldLine.problem(next));
        }
        if (next == FieldLine.END_LF) {
            throw refused("a trailer line must end in CR LF");
        }
        return next;
    }

    private static void expect(byte b, char expected, String problem) {
        if (b != expected) {
            throw refused(problem);
        }
    }

    private static EnsException refused(String problem) {
        return RequestFraming.malformed(problem);
    }
}
