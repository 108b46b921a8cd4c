package dev.ensemu.server.domain;

import java.util.List;
import java.util.Set;

/** A tenant: its keys, the RAM actions it may call, and its images. */
public record Account(String id, List<AccessKey> accessKeys, Set<String> allowedActions, List<Image> images) {
    /** What an account declared without actions may call: every ENS action. */
    public static final String EVERY_ENS_ACTION = "ens:*";

    public Account {
        accessKeys = List.copyOf(accessKeys);
        allowedActions = Set.copyOf(allowedActions);
        images = List.copyOf(images);
    }

    /** RAM-style match: the exact action, the product wildcard {@code ens:*}, or {@code *}. */
    public boolean mayCall(String action) {
        String product = action.substring(0, action.indexOf(':') + 1);
        return allowedActions.contains(action) || allowedActions.contains(product + "*") || allowedActions.contains("*");
    }
}
