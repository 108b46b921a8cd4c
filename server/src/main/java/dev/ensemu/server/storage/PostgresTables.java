package dev.ensemu.server.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.ensemu.server.domain.AccessKey;
import dev.ensemu.server.domain.Account;
import dev.ensemu.server.domain.ExportStatus;
import dev.ensemu.server.domain.Image;
import dev.ensemu.server.domain.OwnerAlias;
import dev.ensemu.server.domain.SecurityToken;
import java.io.IOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The shared database's tables (accounts, keys, images, pending exports): what each change does to
 * them, and the whole state read back in one snapshot. They are the truth every instance reloads from.
 */
final class PostgresTables {
    private PostgresTables() {}

    /** The tables' side of one change. */
    static void persist(Connection c, StateChange change) throws SQLException {
        change.accept(new Tables(c));
    }

    /** What each kind of change does to the tables, on one connection inside the write's transaction. */
    private record Tables(Connection c) implements StateChange.Visitor<SQLException> {
        @Override
        public void imagePut(StateChange.ImagePut put) throws SQLException {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO ensemu_images (account_id, image_id, image_name, creation_time,"
                    + " architecture, platform, owner_alias, export_status, exported_image_url) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (account_id, image_id) DO UPDATE SET image_name = EXCLUDED.image_name,"
                    + " creation_time = EXCLUDED.creation_time, architecture = EXCLUDED.architecture, platform = EXCLUDED.platform,"
                    + " owner_alias = EXCLUDED.owner_alias, export_status = EXCLUDED.export_status,"
                    + " exported_image_url = EXCLUDED.exported_image_url")) {
                bindImage(s, put.accountId(), put.image());
                s.executeUpdate();
            }
        }

        @Override
        public void imageRemoved(StateChange.ImageRemoved removed) throws SQLException {
            update(c, "DELETE FROM ensemu_images WHERE account_id = ? AND image_id = ?", removed.accountId(), removed.imageId());
        }

        @Override
        public void imagesReplaced(StateChange.ImagesReplaced replaced) throws SQLException {
            update(c, "DELETE FROM ensemu_images WHERE account_id = ?", replaced.accountId());
            insertImages(c, replaced.accountId(), replaced.images());
        }

        @Override
        public void exportScheduled(StateChange.ExportScheduled scheduled) throws SQLException {
            PendingExport export = scheduled.export();
            try (PreparedStatement s = c.prepareStatement("INSERT INTO ensemu_pending_exports (account_id, image_id, completes_at, outcome, url)"
                    + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (account_id, image_id) DO UPDATE SET completes_at = EXCLUDED.completes_at,"
                    + " outcome = EXCLUDED.outcome, url = EXCLUDED.url")) {
                s.setString(1, export.accountId());
                s.setString(2, export.imageId());
                s.setTimestamp(3, Timestamp.from(export.completesAt()));
                s.setString(4, export.outcome().ensName());
                s.setString(5, export.url().map(URI::toString).orElse(null));
                s.executeUpdate();
            }
        }

        @Override
        public void exportUnscheduled(StateChange.ExportUnscheduled unscheduled) throws SQLException {
            update(c, "DELETE FROM ensemu_pending_exports WHERE account_id = ? AND image_id = ?", unscheduled.accountId(),
                    unscheduled.imageId());
        }

        @Override
        public void accountPut(StateChange.AccountPut put) throws SQLException {
            Account account = put.account();
            try (PreparedStatement s = c.prepareStatement("UPDATE ensemu_accounts SET allowed_actions = ? WHERE id = ?")) {
                s.setString(1, actions(account));
                s.setString(2, account.id());
                if (s.executeUpdate() == 0) {
                    throw new SQLException("no account " + account.id());
                }
            }
            update(c, "DELETE FROM ensemu_access_keys WHERE account_id = ?", account.id());
            insertKeys(c, account);
        }

        @Override
        public void replaced(StateChange.Replaced replaced) throws SQLException {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("TRUNCATE ensemu_images, ensemu_access_keys, ensemu_pending_exports, ensemu_accounts");
            }
            int position = 0;
            for (Account account : replaced.state().accounts()) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO ensemu_accounts (id, position, allowed_actions) VALUES (?, ?, ?)")) {
                    s.setString(1, account.id());
                    s.setInt(2, position++);
                    s.setString(3, actions(account));
                    s.executeUpdate();
                }
                insertKeys(c, account);
                insertImages(c, account.id(), account.images());
            }
            for (PendingExport export : replaced.state().pendingExports()) {
                exportScheduled(new StateChange.ExportScheduled(export));
            }
        }
    }

    private static void update(Connection c, String sql, String... values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setString(i + 1, values[i]);
            }
            s.executeUpdate();
        }
    }

    private static void insertKeys(Connection c, Account account) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ensemu_access_keys (id, account_id, position, secret, active,"
                + " security_token, expiration) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            int position = 0;
            for (AccessKey key : account.accessKeys()) {
                s.setString(1, key.id());
                s.setString(2, account.id());
                s.setInt(3, position++);
                s.setString(4, key.secret());
                s.setBoolean(5, key.active());
                s.setString(6, key.securityToken().map(SecurityToken::value).orElse(null));
                s.setTimestamp(7, key.securityToken().map(t -> Timestamp.from(t.expiration())).orElse(null));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static void insertImages(Connection c, String accountId, List<Image> images) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO ensemu_images (account_id, image_id, image_name, creation_time,"
                + " architecture, platform, owner_alias, export_status, exported_image_url) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int batched = 0;
            for (Image image : images) {
                bindImage(s, accountId, image);
                s.addBatch();
                if (++batched % 5_000 == 0) {
                    s.executeBatch();
                }
            }
            s.executeBatch();
        }
    }

    private static void bindImage(PreparedStatement s, String accountId, Image image) throws SQLException {
        s.setString(1, accountId);
        s.setString(2, image.imageId());
        s.setString(3, image.imageName());
        s.setTimestamp(4, Timestamp.from(image.creationTime()));
        s.setString(5, image.architecture());
        s.setString(6, image.platform());
        s.setString(7, image.ownerAlias().ensName());
        s.setString(8, image.exportStatus().ensName());
        s.setString(9, image.exportedImageUrl().map(URI::toString).orElse(null));
    }

    private static String actions(Account account) {
        ArrayNode array = StateCodec.JSON.createArrayNode();
        account.allowedActions().stream().sorted().forEach(array::add);
        return array.toString();
    }

    /** Every table, read in the caller's transaction (one snapshot). */
    static StoredState loadAll(Connection c) throws SQLException {
        Map<String, List<AccessKey>> keys = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT account_id, id, secret, active, security_token,"
                + " expiration FROM ensemu_access_keys ORDER BY account_id, position")) {
            while (rs.next()) {
                String token = rs.getString(5);
                Optional<SecurityToken> temporary = token == null ? Optional.empty()
                        : Optional.of(new SecurityToken(token, rs.getTimestamp(6).toInstant()));
                keys.computeIfAbsent(rs.getString(1), a -> new ArrayList<>())
                        .add(new AccessKey(rs.getString(2), rs.getString(3), rs.getBoolean(4), temporary));
            }
        }
        Map<String, List<Image>> images = new LinkedHashMap<>();
        try (Statement s = c.createStatement()) {
            s.setFetchSize(10_000); // streamed: a million images never sit in the driver's buffers at once
            try (ResultSet rs = s.executeQuery("SELECT account_id, image_id, image_name, creation_time, architecture, platform,"
                    + " owner_alias, export_status, exported_image_url FROM ensemu_images")) {
                while (rs.next()) {
                    String url = rs.getString(9);
                    images.computeIfAbsent(rs.getString(1), a -> new ArrayList<>()).add(new Image(rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6),
                            OwnerAlias.fromEnsName(rs.getString(7)).orElseThrow(), ExportStatus.fromEnsName(rs.getString(8)).orElseThrow(),
                            Optional.ofNullable(url).map(URI::create)));
                }
            }
        }
        List<Account> accounts = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, allowed_actions FROM ensemu_accounts ORDER BY position")) {
            while (rs.next()) {
                String id = rs.getString(1);
                accounts.add(new Account(id, keys.getOrDefault(id, List.of()), actions(rs.getString(2)),
                        images.getOrDefault(id, List.of())));
            }
        }
        List<PendingExport> pending = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT account_id, image_id, completes_at, outcome, url FROM ensemu_pending_exports")) {
            while (rs.next()) {
                pending.add(new PendingExport(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        ExportStatus.fromEnsName(rs.getString(4)).orElseThrow(), Optional.ofNullable(rs.getString(5)).map(URI::create)));
            }
        }
        return new StoredState(accounts, pending);
    }

    private static Set<String> actions(String json) throws SQLException {
        try {
            Set<String> actions = new HashSet<>();
            for (JsonNode action : StateCodec.JSON.readTree(json)) {
                actions.add(action.asText());
            }
            return actions;
        } catch (IOException e) {
            throw new SQLException("allowed_actions is not a JSON array: " + json, e);
        }
    }

}
