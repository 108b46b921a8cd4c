package dev.ensemu.server.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ensemu.server.domain.EnsError;
import dev.ensemu.server.domain.EnsException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool to the shared PostgreSQL database, and the one place where its failures become
 * {@code ServiceUnavailable}: every wait is bounded (a connection within 2 s, an answer within
 * 10 s), so a call during an outage fails fast instead of hanging, and the pool reconnects by
 * itself when the database is back.
 */
final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    /** Work on one connection. */
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private static final long PROBE_MILLIS = 500;

    private final HikariDataSource pool;
    private final String name;
    private final Thread prober;
    private volatile long lastWarning;
    private volatile Optional<String> problem = Optional.empty();

    Database(DatabaseUrl url, int poolSize) {
        this.name = url.redacted();
        HikariConfig config = new HikariConfig();
        config.setPoolName("ensemu-db");
        config.setJdbcUrl(url.jdbcUrl());
        url.user().ifPresent(config::setUsername);
        url.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(Math.min(4, poolSize));
        config.setConnectionTimeout(2_000);
        config.setValidationTimeout(1_000);
        config.setInitializationFailTimeout(10_000);
        config.addDataSourceProperty("connectTimeout", "2");
        config.addDataSourceProperty("socketTimeout", "10");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.addDataSourceProperty("ApplicationName", "ensemu");
        try {
            this.pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StorageException("database " + name + ": cannot connect (" + firstLine(e) + ")");
        }
        this.prober = new Thread(this::probeUntilClosed, "ensemu-db-probe");
        prober.setDaemon(true);
        prober.start();
    }

    /** Health must answer at once (load balancers time their checks), so the database is probed here, off the request path. */
    private void probeUntilClosed() {
        while (!Thread.currentThread().isInterrupted()) {
            problem = probe();
            try {
                Thread.sleep(PROBE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private Optional<String> probe() {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(1) ? Optional.empty() : Optional.of("database " + name + " does not answer");
        } catch (SQLException e) {
            return Optional.of("database " + name + " unreachable: " + firstLine(e));
        }
    }

    javax.sql.DataSource dataSource() {
        return pool;
    }

    String name() {
        return name;
    }

    /** Runs {@code work} with auto-commit (one statement, or reads that need no common snapshot). */
    <T> T read(Work<T> work) {
        try (Connection connection = pool.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
    <T> T transaction(Work<T> work) {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection);
                throw e;
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** Empty when the last probe (at most half a second ago, or in progress) reached the database, else why not. */
    Optional<String> problem() {
        return problem;
    }

    EnsException unavailable(SQLException e) {
        long now = System.nanoTime();
        if (now - lastWarning > 5_000_000_000L) { // one line per 5 s, not one per request, during an outage
            lastWarning = now;
            LOG.warn("database {} unavailable, answering ServiceUnavailable: {}", name, firstLine(e));
        }
        return new EnsException(EnsError.SERVICE_UNAVAILABLE);
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is gone; the database rolls the transaction back itself
        }
    }

    static String firstLine(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        return String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
    }

    @Override
    public void close() {
        prober.interrupt();
        pool.close();
    }
}
