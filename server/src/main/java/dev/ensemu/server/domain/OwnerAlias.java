package dev.ensemu.server.domain;

import java.util.Arrays;
import java.util.Optional;

/** The source of an image: a public image (system) or a custom one (self). */
public enum OwnerAlias {
    SYSTEM("system"),
    SELF("self");

    private final String ensName;

    OwnerAlias(String ensName) {
        this.ensName = ensName;
    }

    public String ensName() {
        return ensName;
    }

    public static Optional<OwnerAlias> fromEnsName(String name) {
        return Arrays.stream(values()).filter(a -> a.ensName.equals(name)).findFirst();
    }
}
