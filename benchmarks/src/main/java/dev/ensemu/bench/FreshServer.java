package dev.ensemu.bench;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server in a fresh JVM, for the start-up benches: started, read until its ready line ("listening
 * on http://..."; every line before it goes to a consumer), asked signed DescribeExportImageInfo
 * calls on one keep-alive connection, and stopped.
 */
final class FreshServer implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("listening on (http://\\S+)");

    private final Process process;
    final long startedNanos;
    final long readyNanos;
    final URI base;
    private Runnable onClose = () -> { };

    /** Starts {@code command} and waits for its ready line, handing every line before it to {@code lines}. */
    FreshServer(List<String> command, Consumer<String> lines) throws IOException {
        startedNanos = System.nanoTime();
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        URI ready = null;
        while (ready == null) {
            String line = out.readLine();
            if (line == null) {
                close();
                throw new IllegalStateException("no ready line from " + command);
            }
            lines.accept(line);
            Matcher m = READY.matcher(line);
            if (m.find()) {
                ready = URI.create(m.group(1));
            }
        }
        readyNanos = System.nanoTime();
        base = ready;
    }

    /** Also runs {@code cleanup} when closed (e.g. removes the container a {@code podman run} started). */
    FreshServer onClose(Runnable cleanup) {
        this.onClose = cleanup;
        return this;
    }

    /**
     * Sends {@code count} signed calls one after another on one connection; each must answer 200.
     *
     * @return {@link System#nanoTime()} when the first answer had arrived
     */
    long signedCalls(int count) throws IOException {
        long first = 0;
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setTcpNoDelay(true);
            OutputStream requests = socket.getOutputStream();
            InputStream answers = new BufferedInputStream(socket.getInputStream());
            for (int i = 0; i < count; i++) {
                requests.write(("GET /?" + DevKeyRequests.signedQuery(Map.of("PageSize", "10")) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                int status = DevKeyRequests.readAnswer(answers);
                if (status != 200) {
                    throw new IllegalStateException("answer " + i + " was a " + status);
                }
                if (i == 0) {
                    first = System.nanoTime();
                }
            }
        }
        return first;
    }

    @Override
    public void close() {
        onClose.run();
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static <T extends Comparable<T>> T median(List<T> values) {
        List<T> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
