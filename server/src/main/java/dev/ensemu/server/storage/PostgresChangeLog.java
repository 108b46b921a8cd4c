package dev.ensemu.server.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The shared database's change log: {@code ensemu_version} holds the number of the last write, and
 * {@code ensemu_changes} each write's changes under its number (or {@link #RELOAD} when it replaced
 * everything), so an instance catches up by replaying the writes after its own number.
 */
final class PostgresChangeLog {
    /** Recorded changes kept for instances that fall behind; further behind, an instance reloads. */
    static final int KEPT_CHANGES = 10_000;
    /** Recorded in place of a write's changes when it replaced everything: whoever replays it reloads the tables. */
    static final String RELOAD = "reload";

    private PostgresChangeLog() {}

    /** The last write's number, its row locked until the transaction ends (writes are serial across instances). */
    static long lockVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT version FROM ensemu_version WHERE id = 1 FOR UPDATE")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static long readVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version FROM ensemu_version WHERE id = 1")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Records a write's changes under its number and makes it the last; drops what no instance still needs. */
    static void record(Connection c, long number, String changes) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ensemu_changes (version, changes) VALUES (?, ?)")) {
            s.setLong(1, number);
            s.setString(2, changes);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE ensemu_version SET version = ? WHERE id = 1")) {
            s.setLong(1, number);
            s.executeUpdate();
        }
        if (number % 1_000 == 0) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM ensemu_changes WHERE version <= ?")) {
                s.setLong(1, number - KEPT_CHANGES);
                s.executeUpdate();
            }
        }
    }


    /** The changes recorded after write {@code after} up to {@code upTo}, in order; null when some are gone or one replaced everything. */
    static java.util.List<String> since(Connection c, long after, long upTo) throws SQLException {
        java.util.List<String> recorded = new java.util.ArrayList<>();
        long first = -1;
        try (PreparedStatement s = c.prepareStatement(
                "SELECT version, changes FROM ensemu_changes WHERE version > ? AND version <= ? ORDER BY version")) {
            s.setLong(1, after);
            s.setLong(2, upTo);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    first = first < 0 ? rs.getLong(1) : first;
                    recorded.add(rs.getString(2));
                }
            }
        }
        boolean complete = first == after + 1 && recorded.size() == upTo - after;
        return complete && !recorded.contains(RELOAD) ? recorded : null;
    }
}
