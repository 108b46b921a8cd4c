package dev.ensemu.server.support;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A bare HTTP/1.1 connection for tests that must control the exact bytes on the wire (chunked
 * bodies, POSTs without a length, several requests on one keep-alive connection).
 */
public final class RawHttp implements Closeable {
    /** One answer: status, headers by lower-case name, body as UTF-8 text. */
    public record Response(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RawHttp(URI base) throws IOException {
        this(new Socket(base.getHost(), base.getPort()));
    }

    /** Over a socket already connected, e.g. a TLS one. */
    public RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(10_000);
        this.in = new java.io.BufferedInputStream(socket.getInputStream()); // one system call per buffer, not per byte
        this.out = socket.getOutputStream();
    }

    /** Sends the bytes as given, reading nothing. */
    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends the request bytes as given and reads one complete response. */
    public Response exchange(String request) throws IOException {
        return exchange(request.getBytes(StandardCharsets.UTF_8));
    }

    public Response exchange(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        return read();
    }

    /** Reads one response; fails if the server closes the connection before a whole answer. */
    public Response read() throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(); header != null && !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).strip().toLowerCase(Locale.ROOT), header.substring(colon + 1).strip());
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line().strip(), 16); size > 0; size = Integer.parseInt(line().strip(), 16)) {
                all.write(in.readNBytes(size));
                line();
            }
            line();
            body = all.toByteArray();
        } else {
            body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    /** Every answer that arrives until the server closes or is silent for {@code quietMillis}; true at the end if it closed. */
    public boolean readUntilClosed(java.util.List<Response> answers, int quietMillis) throws IOException {
        socket.setSoTimeout(quietMillis);
        try {
            while (true) {
                in.mark(1);
                if (in.read() < 0) {
                    return true;
                }
                in.reset();
                answers.add(read());
            }
        } catch (java.net.SocketTimeoutException silent) {
            return false;
        } catch (java.net.SocketException reset) {
            return true; // a reset after the answers: closed
        }
    }

    /** True once the server has closed its side (a read returns end of stream). */
    public boolean isClosedByServer() throws IOException {
        return in.read() < 0;
    }

    private String line() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                byte[] bytes = buffer.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            buffer.write(c);
        }
        return buffer.size() == 0 ? null : buffer.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
