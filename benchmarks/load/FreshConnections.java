import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The cost of a fresh TLS connection, loopback only: N new connections one after another, each
 * carrying one request (Connection: close), over plain HTTP and over HTTPS with a full handshake
 * (a new client context each time, so no session is resumed). Prints the medians and their
 * difference, the handshake's cost. Usage: java bench/FreshConnections.java HTTP_URL HTTPS_URL CERT_PEM TARGET N
 */
public class FreshConnections {
    public static void main(String[] args) throws Exception {
        URI http = URI.create(args[0]);
        URI https = URI.create(args[1]);
        Path certificate = Path.of(args[2]);
        String target = args[3];
        int n = Integer.parseInt(args[4]);
        List<SSLContext> contexts = new ArrayList<>();
        for (int i = 0; i < n + n / 10; i++) {
            contexts.add(trusting(certificate));
        }
        byte[] request = ("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        List<Long> plain = new ArrayList<>();
        List<Long> tls = new ArrayList<>();
        for (int i = 0; i < n + n / 10; i++) { // the first tenth warms up and is not counted
            long started = System.nanoTime();
            long plainNanos = once(connected(new Socket(), http), request, started);
            started = System.nanoTime();
            long tlsNanos = once(connected(contexts.get(i).getSocketFactory().createSocket(), https), request, started);
            if (i >= n / 10) {
                plain.add(plainNanos);
                tls.add(tlsNanos);
            }
        }
        double plainMs = median(plain) / 1e6;
        double tlsMs = median(tls) / 1e6;
        System.out.printf("fresh connection + one request, median of %d: HTTP %.2f ms, HTTPS %.2f ms (full TLS handshake: +%.2f ms)%n",
                n, plainMs, tlsMs, tlsMs - plainMs);
    }

    /** Handshake (TLS), write, read to the end; timed from {@code started}, before the connect. */
    private static long once(Socket socket, byte[] request, long started) throws Exception {
        try (socket) {
            if (socket instanceof SSLSocket ssl) {
                ssl.startHandshake();
            }
            socket.getOutputStream().write(request);
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            int total = 0;
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                total += read;
            }
            if (total < 12 || !new String(buffer, 0, 12, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200")) {
                throw new IllegalStateException("not a 200: " + new String(buffer, 0, Math.min(total, 200), StandardCharsets.US_ASCII));
            }
        }
        return System.nanoTime() - started;
    }

    /** Connects with Nagle off, as HTTP clients do: otherwise the handshake's small writes wait for delayed ACKs (40 ms). */
    private static Socket connected(Socket socket, URI address) throws Exception {
        socket.setTcpNoDelay(true);
        socket.connect(new java.net.InetSocketAddress(address.getHost(), address.getPort()));
        return socket;
    }

    private static SSLContext trusting(Path certificate) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream pem = Files.newInputStream(certificate)) {
            store.setCertificateEntry("ensemu", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
