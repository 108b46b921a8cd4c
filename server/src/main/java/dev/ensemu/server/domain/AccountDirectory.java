package dev.ensemu.server.domain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds the account and secret behind an AccessKeyId; the first account is the default one. */
public final class AccountDirectory {
    /** A key together with the account it belongs to. */
    public record KeyOwner(AccessKey key, Account account) {}

    private final List<Account> accounts;
    private final Map<String, KeyOwner> byKeyId;

    public AccountDirectory(List<Account> accounts) {
        if (accounts.isEmpty()) {
            throw new IllegalArgumentException("at least one account is needed");
        }
        this.accounts = List.copyOf(accounts);
        Map<String, KeyOwner> keys = new HashMap<>();
        for (Account account : accounts) {
            for (AccessKey key : account.accessKeys()) {
                if (keys.putIfAbsent(key.id(), new KeyOwner(key, account)) != null) {
                    throw new IllegalArgumentException("AccessKeyId " + key.id() + " is declared twice");
                }
            }
        }
        this.byKeyId = Map.copyOf(keys);
    }

    public Optional<KeyOwner> findKey(String accessKeyId) {
        return Optional.ofNullable(byKeyId.get(accessKeyId));
    }

    public Account defaultAccount() {
        return accounts.get(0);
    }

    public List<Account> accounts() {
        return accounts;
    }
}
