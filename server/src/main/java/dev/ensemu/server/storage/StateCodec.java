package dev.ensemu.server.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ensemu.server.domain.Account;
import dev.ensemu.server.domain.ExportStatus;
import dev.ensemu.server.domain.Image;
import dev.ensemu.server.seed.SeedException;
import dev.ensemu.server.seed.SeedLoader;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON of stored states and changes. Accounts and images keep the seed file's form, so
 * everything stored reads back through the seed's own checks.
 */
final class StateCodec {
    static final ObjectMapper JSON = new ObjectMapper();

    private StateCodec() {}

    static ObjectNode state(StoredState state) {
        ObjectNode root = SeedLoader.toTree(state.accounts());
        ArrayNode pending = root.putArray("pendingExports");
        state.pendingExports().forEach(p -> pending.add(export(p)));
        return root;
    }

    static StoredState state(JsonNode root, String source) {
        ObjectNode accounts = JSON.createObjectNode();
        accounts.set("accounts", root.path("accounts"));
        List<Account> loaded = SeedLoader.accountsFromTree(accounts, source);
        List<PendingExport> pending = new ArrayList<>();
        for (JsonNode p : root.path("pendingExports")) {
            pending.add(export(p, source));
        }
        return new StoredState(loaded, pending);
    }

    /** One write's changes as one line of JSON. */
    static String changes(List<StateChange> changes) {
        ArrayNode array = JSON.createArrayNode();
        changes.forEach(change -> array.add(change(change)));
        return array.toString();
    }

    static List<StateChange> changes(String line, String source) {
        JsonNode array;
        try {
            array = JSON.readTree(line);
        } catch (IOException e) {
            throw new SeedException(source + ": is not JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (array == null || !array.isArray()) {
            throw new SeedException(source + ": is not a list of changes");
        }
        List<StateChange> changes = new ArrayList<>();
        array.forEach(node -> changes.add(change(node, source)));
        return changes;
    }

    private static ObjectNode change(StateChange change) {
        ObjectNode node = JSON.createObjectNode();
        if (change instanceof StateChange.ImagePut put) {
            node.put("op", "putImage").put("account", put.accountId()).set("image", SeedLoader.imageTree(put.image()));
        } else if (change instanceof StateChange.ImageRemoved removed) {
            node.put("op", "removeImage").put("account", removed.accountId()).put("imageId", removed.imageId());
        } else if (change instanceof StateChange.ImagesReplaced replaced) {
            ArrayNode images = node.put("op", "replaceImages").put("account", replaced.accountId()).putArray("images");
            replaced.images().forEach(image -> images.add(SeedLoader.imageTree(image)));
        } else if (change instanceof StateChange.ExportScheduled scheduled) {
            node.put("op", "scheduleExport").set("export", export(scheduled.export()));
        } else if (change instanceof StateChange.ExportUnscheduled unscheduled) {
            node.put("op", "unscheduleExport").put("account", unscheduled.accountId()).put("imageId", unscheduled.imageId());
        } else if (change instanceof StateChange.AccountPut put) {
            node.put("op", "putAccount").set("account", SeedLoader.toTree(List.of(withoutImages(put.account()))).path("accounts").get(0));
        } else if (change instanceof StateChange.Replaced replaced) {
            node.put("op", "replaceAll").set("state", state(replaced.state()));
        }
        return node;
    }

    private static StateChange change(JsonNode node, String source) {
        String account = node.path("account").asText();
        return switch (node.path("op").asText()) {
            case "putImage" -> new StateChange.ImagePut(account, SeedLoader.imageFromTree(node.path("image"), source));
            case "removeImage" -> new StateChange.ImageRemoved(account, node.path("imageId").asText());
            case "replaceImages" -> {
                List<Image> images = new ArrayList<>();
                node.path("images").forEach(image -> images.add(SeedLoader.imageFromTree(image, source)));
                yield new StateChange.ImagesReplaced(account, images);
            }
            case "scheduleExport" -> new StateChange.ExportScheduled(export(node.path("export"), source));
            case "unscheduleExport" -> new StateChange.ExportUnscheduled(account, node.path("imageId").asText());
            case "putAccount" -> {
                ObjectNode accounts = JSON.createObjectNode();
                accounts.putArray("accounts").add(node.path("account"));
                yield new StateChange.AccountPut(SeedLoader.accountsFromTree(accounts, source).get(0));
            }
            case "replaceAll" -> new StateChange.Replaced(state(node.path("state"), source));
            default -> throw new SeedException(source + ": unknown change " + node.path("op"));
        };
    }

    private static Account withoutImages(Account account) {
        return new Account(account.id(), account.accessKeys(), account.allowedActions(), List.of());
    }

    private static ObjectNode export(PendingExport p) {
        return JSON.createObjectNode().put("accountId", p.accountId()).put("imageId", p.imageId())
                .put("completesAt", p.completesAt().toString()).put("outcome", p.outcome().ensName());
    }

    private static PendingExport export(JsonNode p, String source) {
        try {
            return new PendingExport(p.path("accountId").asText(), p.path("imageId").asText(),
                    Instant.parse(p.path("completesAt").asText()),
                    ExportStatus.fromEnsName(p.path("outcome").asText()).orElseThrow(IllegalArgumentException::new));
        } catch (RuntimeException e) {
            throw new SeedException(source + ": pending export " + p + " is invalid");
        }
    }
}
