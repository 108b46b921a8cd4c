package dev.ensemu.server.support;

import java.io.Closeable;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests: Debian's {@code postgresql} package (installed by
 * {@code .ci/run}), a fresh cluster in a temporary directory on a free port. PostgreSQL refuses
 * to run as root, so as root the cluster belongs to the {@code postgres} user. It can be stopped
 * and started again on the same port (an outage), and {@link #close()} removes it.
 */
public final class PostgresServer implements Closeable {
    public static final String USER = "ensemu";
    public static final String PASSWORD = "ensemu-test-password";
    public static final String DATABASE = "ensemu";

    private final Path bin;
    private final Path directory;
    private final int port;

    private PostgresServer(Path bin, Path directory, int port) {
        this.bin = bin;
        this.directory = directory;
        this.port = port;
    }

    /** initdb, start, and a database and user for ensemu. */
    public static PostgresServer start() throws Exception {
        Path bin = binaries();
        Path directory = Files.createTempDirectory("ensemu-pg");
        if (isRoot()) {
            run(List.of("chown", "postgres:postgres", directory.toString()));
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        PostgresServer server = new PostgresServer(bin, directory, port);
        server.asOwner(List.of(bin.resolve("initdb").toString(), "-D", server.data().toString(), "-U", "postgres", "-A", "trust",
                "-E", "UTF8", "--no-sync"));
        server.startAgain();
        try (Connection c = DriverManager.getConnection(server.url("postgres"), "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE USER " + USER + " PASSWORD '" + PASSWORD + "'");
            s.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
        }
        return server;
    }

    /** The URL as users give it to {@code --database}. */
    public String databaseUrl() {
        return "postgresql://" + USER + ":" + PASSWORD + "@127.0.0.1:" + port + "/" + DATABASE;
    }

    public String jdbcUrl() {
        return url(DATABASE);
    }

    public int port() {
        return port;
    }

    /** A connection as the ensemu user, to look at the tables directly. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
    }

    /** Starts the server (again) on the same port and data. */
    public void startAgain() throws IOException, InterruptedException {
        asOwner(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-l", directory.resolve("server.log").toString(),
                "-o", "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c max_connections=400", "-w", "-t", "60",
                "start"));
    }

    /** Stops the server: {@code fast} closes connections cleanly, {@code immediate} is a crash. */
    public void stop(String mode) throws IOException, InterruptedException {
        asOwner(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", mode, "-w", "-t", "60", "stop"));
    }

    @Override
    public void close() throws IOException {
        try {
            stop("immediate");
        } catch (IOException | InterruptedException | RuntimeException alreadyStopped) {
            // removing the files is what matters now
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private Path data() {
        return directory.resolve("data");
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private void asOwner(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("ensemu-pg-cmd", ".log");
        Process process = new ProcessBuilder(command).directory(Path.of("/tmp").toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            String log = Files.readString(output);
            Files.deleteIfExists(output);
            throw new IOException(String.join(" ", command) + " failed: " + log);
        }
        Files.deleteIfExists(output);
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The newest PostgreSQL under /usr/lib/postgresql (Debian's layout). */
    private static Path binaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            throw new IOException("PostgreSQL is not installed: .ci/run installs Debian's postgresql package"
                    + " (apt-get install postgresql)");
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(p -> Integer.parseInt(p.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElseThrow(() -> new IOException("no PostgreSQL binaries under " + root));
        }
    }
}
