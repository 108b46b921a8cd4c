package dev.ensemu.server.domain;

import java.util.regex.Pattern;

/**
 * RAM actions as a policy grants them: {@code *}, or {@code product:action} where {@code *}
 * matches any run of characters and {@code ?} one character ({@code ens:*}, {@code ens:Describe*},
 * {@code ens:ExportImage}), as RAM's policy syntax defines its wildcards. Letter case counts.
 */
public final class ActionPattern {
    private static final Pattern WELL_FORMED = Pattern.compile("\\*|[a-z0-9-]+:[A-Za-z0-9*?]+");

    private ActionPattern() {}

    /** {@code pattern}, or an {@link IllegalArgumentException} that says what is wrong with it. */
    public static String requireWellFormed(String pattern) {
        if (pattern == null || !WELL_FORMED.matcher(pattern).matches()) {
            throw new IllegalArgumentException("must be * or product:Action of letters and digits with the wildcards * and ?"
                    + " (such as ens:ExportImage, ens:Describe*, ens:*), not \"" + pattern + "\"");
        }
        return pattern;
    }

    /** True when a policy granting {@code pattern} allows {@code action} (e.g. {@code ens:ExportImage}). */
    public static boolean allows(String pattern, String action) {
        // Iterative glob match: on a mismatch, let the last '*' swallow one more character.
        int p = 0;
        int a = 0;
        int star = -1;
        int swallowedUpTo = 0;
        while (a < action.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == action.charAt(a))) {
                p++;
                a++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                swallowedUpTo = a;
            } else if (star >= 0) {
                p = star + 1;
                a = ++swallowedUpTo;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
