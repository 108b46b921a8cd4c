package dev.ensemu.server.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The request-smuggling table: requests whose length a server and a proxy could read
 * differently (RFC 9112 sections 5, 6, 7.1 and 11.2), each with the status ensemu answers it with.
 * Each is sent with a canary request right behind it on the same connection; the canary must
 * never be served. The well-known variants come from the CL.TE / TE.CL / TE.TE attacks and the
 * chunk-framing ones from the "funky chunks" family.
 */
public final class MalformedFramings {
    /** One malformed request: its name, the status it gets, and its header lines and body (after Host). */
    public record Framing(String name, int status, String version, String headersAndBody) {
        /** The code of the ENS envelope that answers it. */
        public boolean inBody() {
            return headersAndBody.startsWith(CHUNKED);
        }

        public String code() {
            return status == 501 ? "NotImplemented" : "BadRequest";
        }

        /** The bytes: {@code POST target version}, Host, the extra lines, the case's own lines and body. */
        public byte[] wire(String target, String extraHeaders) {
            String text = "POST " + target + " " + version + "\r\nHost: 127.0.0.1\r\n" + extraHeaders + headersAndBody;
            return text.getBytes(StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final String FORM = "Content-Type: application/x-www-form-urlencoded\r\n";
    private static final String CHUNKED = FORM + "Transfer-Encoding: chunked\r\n\r\n";

    private MalformedFramings() {}

    /** A canary: a well-formed RPC call that names itself in its ImageId, so the journal shows whether it was served. */
    public static byte[] canary(String name) {
        return ("GET /?Action=DescribeExportImageInfo&Version=2017-11-10&ImageId=" + name + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    public static List<Framing> all() {
        List<Framing> table = new ArrayList<>();
        // Content-Length and Transfer-Encoding together (CL.TE, TE.CL), in either order and every disguise of TE.
        bad(table, "CL then TE", "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        bad(table, "TE then CL", "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n");
        bad(table, "CL with TE in odd case", "Content-Length: 5\r\nTransfer-Encoding: ChUnKeD\r\n\r\n0\r\n\r\n");
        bad(table, "CL with TE name in odd case", "Content-Length: 5\r\ntRaNsFeR-eNcOdInG: chunked\r\n\r\n0\r\n\r\n");
        bad(table, "CL with TE after a tab", "Content-Length: 5\r\nTransfer-Encoding:\tchunked\r\n\r\n0\r\n\r\n");
        bad(table, "CL with TE and trailing space", "Content-Length: 5\r\nTransfer-Encoding: chunked \r\n\r\n0\r\n\r\n");
        bad(table, "CL with TE empty", "Content-Length: 5\r\nTransfer-Encoding: \r\n\r\n0\r\n\r\n");
        bad(table, "CL with TE identity", "Content-Length: 0\r\nTransfer-Encoding: identity\r\n\r\n");
        bad(table, "TE with a space before the colon", "Transfer-Encoding : chunked\r\nContent-Length: 3\r\n\r\nabc");
        bad(table, "TE with a tab before the colon", "Transfer-Encoding\t: chunked\r\nContent-Length: 3\r\n\r\nabc");
        bad(table, "TE folded onto the previous line", "X-Padding: a\r\n Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\nabc");
        bad(table, "TE value folded", "Transfer-Encoding: gzip\r\n\tchunked\r\n\r\n0\r\n\r\n");
        bad(table, "TE quoted", "Transfer-Encoding: \"chunked\"\r\n\r\n0\r\n\r\n");
        bad(table, "TE single-quoted", "Transfer-Encoding: 'chunked'\r\n\r\n0\r\n\r\n");
        bad(table, "TE xchunked", "Transfer-Encoding: xchunked\r\n\r\n0\r\n\r\n");
        bad(table, "TE chunked with a parameter", "Transfer-Encoding: chunked;q=1\r\n\r\n0\r\n\r\n");
        bad(table, "TE chunked twice in one field", "Transfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n");
        bad(table, "TE repeated", "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        bad(table, "TE chunked not last", "Transfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n");
        bad(table, "TE chunked then identity field", "Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n0\r\n\r\n");
        bad(table, "TE identity alone", "Transfer-Encoding: identity\r\n\r\n");
        bad(table, "TE with a vertical tab", "Transfer-Encoding: \u000bchunked\r\n\r\n0\r\n\r\n");
        bad(table, "TE with a NUL", "Transfer-Encoding: chunked\u0000\r\n\r\n0\r\n\r\n");
        table.add(new Framing("TE on HTTP/1.0", 400, "HTTP/1.0", "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n"));
        table.add(new Framing("TE gzip before chunked", 501, "HTTP/1.1", "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n"));
        table.add(new Framing("TE unknown coding in its own field", 501, "HTTP/1.1",
                "Transfer-Encoding: x-custom\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"));
        // Content-Length alone.
        bad(table, "CL twice, same value", "Content-Length: 3\r\nContent-Length: 3\r\n\r\nabc");
        bad(table, "CL twice, different values", "Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd");
        bad(table, "CL as a list", "Content-Length: 3, 3\r\n\r\nabc");
        bad(table, "CL with a plus sign", "Content-Length: +3\r\n\r\nabc");
        bad(table, "CL negative", "Content-Length: -1\r\n\r\n");
        bad(table, "CL in hex", "Content-Length: 0x3\r\n\r\nabc");
        bad(table, "CL empty", "Content-Length: \r\n\r\n");
        bad(table, "CL overflowing", "Content-Length: 99999999999999999999\r\n\r\n");
        bad(table, "CL with a space before the colon", "Content-Length : 3\r\n\r\nabc");
        // Field lines.
        bad(table, "obs-fold continuation", "X-Padding: a\r\n b\r\nContent-Length: 0\r\n\r\n");
        bad(table, "bare CR in a value", "X-Padding: a\rb\r\nContent-Length: 0\r\n\r\n");
        bad(table, "NUL in a value", "X-Padding: a\u0000b\r\nContent-Length: 0\r\n\r\n");
        bad(table, "DEL in a value", "X-Padding: a\u007fb\r\nContent-Length: 0\r\n\r\n");
        bad(table, "NUL in a name", "X-Pad\u0000ding: a\r\nContent-Length: 0\r\n\r\n");
        bad(table, "line without a colon", "X-Padding\r\nContent-Length: 0\r\n\r\n");
        bad(table, "empty field name", ": a\r\nContent-Length: 0\r\n\r\n");
        // Chunk framing.
        chunked(table, "chunk size not hex", "g\r\nabc\r\n0\r\n\r\n");
        chunked(table, "chunk size empty", "\r\n\r\n");
        chunked(table, "chunk size after a space", " 3\r\nabc\r\n0\r\n\r\n");
        chunked(table, "chunk size with a trailing space", "3 \r\nabc\r\n0\r\n\r\n");
        chunked(table, "chunk size negative", "-3\r\nabc\r\n0\r\n\r\n");
        chunked(table, "chunk size with 0x", "0x3\r\nabc\r\n0\r\n\r\n");
        chunked(table, "chunk size of 17 digits", "00000000000000003\r\nabc\r\n0\r\n\r\n");
        chunked(table, "chunk size overflowing", "ffffffffffffffff\r\nabc\r\n0\r\n\r\n");
        chunked(table, "chunk size line ends in bare LF", "3\nabc\r\n0\r\n\r\n");
        chunked(table, "chunk data followed by junk", "3\r\nabcXX\r\n0\r\n\r\n");
        chunked(table, "chunk data followed by bare LF", "3\r\nabc\n0\r\n\r\n");
        chunked(table, "chunk shorter than its size", "8\r\nabc\r\n0\r\n\r\n");
        chunked(table, "chunk extension with a control character", "3;a=\u0001\r\nabc\r\n0\r\n\r\n");
        chunked(table, "chunk extension with a bare LF", "3;a\nb\r\nabc\r\n0\r\n\r\n");
        chunked(table, "chunk extension over 4 KiB", "3;" + "e".repeat(5000) + "\r\nabc\r\n0\r\n\r\n");
        chunked(table, "last chunk without its empty line", "0\r\n");
        chunked(table, "trailer line ends in bare LF", "0\r\nX-Trailer: a\n\r\n");
        chunked(table, "trailer folded", "0\r\nX-Trailer: a\r\n b\r\n\r\n");
        chunked(table, "trailer with a space before the colon", "0\r\nX-Trailer : a\r\n\r\n");
        return table;
    }

    private static void bad(List<Framing> table, String name, String headersAndBody) {
        table.add(new Framing(name, 400, "HTTP/1.1", headersAndBody));
    }

    private static void chunked(List<Framing> table, String name, String body) {
        table.add(new Framing(name, 400, "HTTP/1.1", CHUNKED + body));
    }
}
