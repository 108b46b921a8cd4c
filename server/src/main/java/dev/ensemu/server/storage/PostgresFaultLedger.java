package dev.ensemu.server.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ensemu.server.domain.EnsError;
import dev.ensemu.server.faults.FaultInjector.Fault;
import dev.ensemu.server.faults.FaultLedger;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Faults in the shared database: set through one instance, they fire on whichever instance serves
 * the next call, and a "next N calls" fault counts calls across instances. A call looks at the
 * table only when the faults version (read with the state version, no extra lookup) says some may
 * be set.
 */
public final class PostgresFaultLedger implements FaultLedger {
    private static final long LOCK = 0x656e73656d75L; // "ensemu": serializes fault changes across instances

    private final Database database;
    private final LongSupplier observedVersion;
    private volatile long loadedVersion = -1;
    private volatile boolean any;

    PostgresFaultLedger(Database database, LongSupplier observedVersion) {
        this.database = database;
        this.observedVersion = observedVersion;
    }

    @Override
    public <T> T update(Function<List<Fault>, Updated<T>> change) {
        return database.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                s.setLong(1, LOCK);
                s.executeQuery().close();
            }
            List<Fault> faults = load(c);
            Updated<T> updated = change.apply(faults);
            if (!updated.faults().equals(faults)) {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("DELETE FROM ensemu_faults");
                    s.executeUpdate("UPDATE ensemu_version SET faults_version = faults_version + 1 WHERE id = 1");
                }
                try (PreparedStatement s = c.prepareStatement("INSERT INTO ensemu_faults (fault) VALUES (?)")) {
                    for (Fault fault : updated.faults()) {
                        s.setString(1, json(fault));
                        s.addBatch();
                    }
                    s.executeBatch();
                }
            }
            any = !updated.faults().isEmpty();
            return updated.result();
        });
    }

    @Override
    public List<Fault> list() {
        return database.read(PostgresFaultLedger::load);
    }

    @Override
    public boolean mayHaveFaults() {
        long version = observedVersion.getAsLong();
        if (version != loadedVersion) {
            any = database.read(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM ensemu_faults")) {
                    rs.next();
                    return rs.getLong(1) > 0;
                }
            });
            loadedVersion = version;
        }
        return any;
    }

    @Override
    public long nextNumber() {
        return database.read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT nextval('ensemu_fault_numbers')")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static List<Fault> load(Connection c) throws SQLException {
        List<Fault> faults = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT fault FROM ensemu_faults ORDER BY position")) {
            while (rs.next()) {
                faults.add(fault(rs.getString(1)));
            }
        }
        return faults;
    }

    private static String json(Fault fault) {
        ObjectNode node = StateCodec.JSON.createObjectNode().put("id", fault.id()).put("latencyMillis", fault.latency().toMillis())
                .put("seed", fault.seed()).put("draws", fault.draws());
        fault.error().ifPresent(e -> node.put("code", e.name()));
        fault.remaining().ifPresent(r -> node.put("remaining", r));
        fault.probability().ifPresent(p -> node.put("probability", p));
        fault.accessKeyId().ifPresent(k -> node.put("accessKeyId", k));
        fault.failExport().ifPresent(id -> node.put("failExport", id));
        return node.toString();
    }

    private static Fault fault(String json) throws SQLException {
        try {
            JsonNode node = StateCodec.JSON.readTree(json);
            return new Fault(node.path("id").asText(),
                    Optional.ofNullable(node.get("code")).map(code -> EnsError.valueOf(code.asText())),
                    Duration.ofMillis(node.path("latencyMillis").asLong()),
                    Optional.ofNullable(node.get("remaining")).map(JsonNode::asInt),
                    Optional.ofNullable(node.get("probability")).map(JsonNode::asDouble),
                    node.path("seed").asLong(),
                    Optional.ofNullable(node.get("accessKeyId")).map(JsonNode::asText),
                    node.path("draws").asLong(),
                    Optional.ofNullable(node.get("failExport")).map(JsonNode::asText));
        } catch (IOException | IllegalArgumentException e) {
            throw new SQLException("ensemu_faults holds a fault this ensemu cannot read: " + json, e);
        }
    }

}
