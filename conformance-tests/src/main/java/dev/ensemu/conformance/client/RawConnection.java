package dev.ensemu.conformance.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One keep-alive connection (plain or TLS, as the endpoint says) on which a check frames bodies itself: chunked, chunked
 * and empty, or with no length at all, as the official clients do (docs/wire-protocol.md section 1).
 */
public final class RawConnection implements Closeable {
    /** How a POST body is framed. */
    public enum Framing { CONTENT_LENGTH, CHUNKED, NO_LENGTH }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String host;

    public RawConnection(dev.ensemu.conformance.endpoint.Target target) throws IOException {
        URI endpoint = target.endpoint();
        Duration timeout = target.timeout();
        boolean https = "https".equals(endpoint.getScheme());
        int port = endpoint.getPort() < 0 ? (https ? 443 : 80) : endpoint.getPort();
        this.socket = https ? Tls.context(target).getSocketFactory().createSocket(endpoint.getHost(), port)
                : new Socket(endpoint.getHost(), port);
        socket.setSoTimeout((int) timeout.toMillis());
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.host = endpoint.getHost() + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort());
    }

    public Answer exchange(EnsClient.WireRequest request, Framing framing) throws IOException {
        StringBuilder head = new StringBuilder(request.method() + " " + request.target() + " HTTP/1.1\r\n");
        head.append("Host: ").append(host).append("\r\n");
        request.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        byte[] body = request.body();
        switch (framing) {
            case CONTENT_LENGTH -> head.append("Content-Length: ").append(body.length).append("\r\n");
            case CHUNKED -> head.append("Transfer-Encoding: chunked\r\n");
            case NO_LENGTH -> { }
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.UTF_8));
        if (framing == Framing.CHUNKED) {
            if (body.length > 0) {
                out.write((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } else if (framing == Framing.CONTENT_LENGTH) {
            out.write(body);
        }
        out.flush();
        return read(request + " (" + framing + ")");
    }

    private Answer read(String description) throws IOException {
        String status = line();
        if (status == null) {
            throw new IOException("the server closed the connection without answering " + description);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(); line != null && !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String transferEncoding = headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("Transfer-Encoding"))
                .map(Map.Entry::getValue).findFirst().orElse("");
        if (transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
                body.write(in.readNBytes(size));
                line();
            }
            line();
        } else {
            String length = headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("Content-Length"))
                    .map(Map.Entry::getValue).findFirst().orElse("0");
            body.write(in.readNBytes(Integer.parseInt(length)));
        }
        return new Answer(description, Integer.parseInt(status.split(" ")[1]), headers, body.toString(StandardCharsets.UTF_8));
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c = in.read(); c >= 0; c = in.read()) {
            if (c == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(c);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
