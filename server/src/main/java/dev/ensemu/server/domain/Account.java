package dev.ensemu.server.domain;

import java.util.List;
import java.util.Set;

/**
 * A tenant: its keys, the RAM actions it may call (patterns such as {@code ens:Describe*}), and its images.
 *
 * @throws IllegalArgumentException when an action is not a well-formed {@link ActionPattern}
 */
public record Account(String id, List<AccessKey> accessKeys, Set<String> allowedActions, List<Image> images) {
    /** What an account declared without actions may call: every ENS action. */
    public static final String EVERY_ENS_ACTION = "ens:*";

    public Account {
        accessKeys = List.copyOf(accessKeys);
        allowedActions = Set.copyOf(allowedActions);
        images = List.copyOf(images);
        allowedActions.forEach(ActionPattern::requireWellFormed);
    }

    /** RAM-style: some granted pattern matches the action ({@code ens:ExportImage}, {@code ens:Export*}, {@code ens:*}, {@code *}). */
    public boolean mayCall(String action) {
        return allowedActions.stream().anyMatch(pattern -> ActionPattern.allows(pattern, action));
    }
}
