package dev.ensemu.server.support;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged jar as a process, started as a user starts it: JVM options, then flags. The child
 * never sees the developer's {@code ENSEMU_*} variables. Its standard error goes to a file that
 * tests can read; {@link #close()} kills it.
 */
public final class PackagedServer implements Closeable {
    public static final Path JAR = Path.of("target", "ensemu-server.jar");
    private static final Pattern READY = Pattern.compile("listening on (http://\\S+)");
    private static final Pattern HTTPS = Pattern.compile(" and (https://\\S+) \\(certificate (.+)\\)$");
    private static final Pattern TOKEN = Pattern.compile("Authorization: Bearer (\\S+?)\\)");

    private final Process process;
    private final Path stderr;
    private final URI baseUri;
    private final List<String> readyLines;
    private final StringBuffer stdout = new StringBuffer();

    private PackagedServer(Process process, Path stderr, URI baseUri, List<String> readyLines) {
        this.process = process;
        this.stderr = stderr;
        this.baseUri = baseUri;
        this.readyLines = readyLines;
    }

    /** Starts {@code java <jvmOptions> -jar ensemu-server.jar <flags>} and waits for its ready lines. */
    public static PackagedServer start(List<String> jvmOptions, String... flags) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(flags));
        Path stderr = Files.createTempFile("ensemu-stderr", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("ENSEMU_"));
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            lines.add(line);
            Matcher address = READY.matcher(line);
            if (address.find()) {
                if (!String.join("\n", flags).contains("--no-admin")) {
                    lines.add(out.readLine()); // the control-plane line follows
                }
                PackagedServer server = new PackagedServer(process, stderr, URI.create(address.group(1)), lines);
                server.drain(out);
                return server;
            }
        }
        process.destroyForcibly();
        throw new IOException("the server did not start: " + lines + " " + Files.readString(stderr));
    }

    /** Keeps reading standard output (so the pipe never fills) into {@link #stdout()}. */
    private void drain(BufferedReader out) {
        readyLines.forEach(line -> stdout.append(line).append('\n'));
        Thread drainer = new Thread(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    stdout.append(line).append('\n');
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "packaged-server-stdout");
        drainer.setDaemon(true);
        drainer.start();
    }

    public URI baseUri() {
        return baseUri;
    }

    /** The control plane's token as the ready line printed it. */
    public String adminToken() {
        for (String line : readyLines) {
            Matcher token = TOKEN.matcher(line == null ? "" : line);
            if (token.find()) {
                return token.group(1);
            }
        }
        throw new IllegalStateException("no admin token in " + readyLines);
    }

    /** The HTTPS address, when started with --tls-port. */
    public URI httpsUri() {
        return URI.create(httpsMatch().group(1));
    }

    /** The certificate file the ready line names, when started with --tls-port. */
    public Path certificate() {
        return Path.of(httpsMatch().group(2));
    }

    private Matcher httpsMatch() {
        for (String line : readyLines) {
            Matcher https = HTTPS.matcher(line == null ? "" : line);
            if (https.find()) {
                return https;
            }
        }
        throw new IllegalStateException("no HTTPS in the ready lines " + readyLines);
    }

    public List<String> readyLines() {
        return readyLines;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** What the server wrote to standard output so far. */
    public String stdout() {
        return stdout.toString();
    }

    /** What the server wrote to standard error so far. */
    public String stderr() throws IOException {
        return Files.readString(stderr);
    }

    /** SIGTERM, as a container runtime stops the server. */
    public void terminate() {
        process.destroy();
    }

    /** SIGKILL, and waits until the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** The exit code once the process ends within {@code seconds}, else -1. */
    public int exitCode(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    /** What a one-shot run of the jar ({@code --help}, a bad flag...) printed, and its exit code. */
    public record Finished(int exitCode, String out, String err) {}

    /** Runs the jar to its end (at most 30 s), without {@code ENSEMU_*} variables unless given in {@code env}. */
    public static Finished run(java.util.Map<String, String> env, String... flags) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toString()));
        command.addAll(List.of(flags));
        Path stderr = Files.createTempFile("ensemu-stderr", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("ENSEMU_"));
            builder.environment().putAll(env);
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the jar did not end within 30 s: " + command);
            }
            return new Finished(process.exitValue(), out, Files.readString(stderr));
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    /** Heap in use right after a full collection, in KiB, read with {@code jcmd} from this JDK. */
    public long heapAfterGcKib() throws IOException, InterruptedException {
        jcmd("GC.run");
        Matcher used = Pattern.compile("used (\\d+)K").matcher(jcmd("GC.heap_info"));
        if (!used.find()) {
            throw new IllegalStateException("no heap figure from jcmd");
        }
        return Long.parseLong(used.group(1));
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(process.pid()), command).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!jcmd.waitFor(30, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed: " + output);
        }
        return output;
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(stderr);
    }
}
