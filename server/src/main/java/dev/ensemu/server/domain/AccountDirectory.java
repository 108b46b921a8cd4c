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
    private final Map<String, KeyOwner> bySecurityToken;

    public AccountDirectory(List<Account> accounts) {
        if (accounts.isEmpty()) {
            throw new IllegalArgumentException("at least one account is needed");
        }
        this.accounts = List.copyOf(accounts);
        Map<String, KeyOwner> keys = new HashMap<>();
        Map<String, KeyOwner> tokens = new HashMap<>();
        for (Account account : accounts) {
            for (AccessKey key : account.accessKeys()) {
                KeyOwner owner = new KeyOwner(key, account);
                if (keys.putIfAbsent(key.id(), owner) != null) {
                    throw new IllegalArgumentException("AccessKeyId " + key.id() + " is declared twice");
                }
                key.securityToken().ifPresent(token -> {
                    if (tokens.putIfAbsent(token.value(), owner) != null) {
                        throw new IllegalArgumentException("the SecurityToken of " + key.id() + " is used by another key");
                    }
                });
            }
        }
        this.byKeyId = Map.copyOf(keys);
        this.bySecurityToken = Map.copyOf(tokens);
    }

    public Optional<KeyOwner> findKey(String accessKeyId) {
        return Optional.ofNullable(byKeyId.get(accessKeyId));
    }

    /** The temporary credentials a SecurityToken was issued with, if it is one of ours. */
    public Optional<KeyOwner> findSecurityToken(String token) {
        return Optional.ofNullable(bySecurityToken.get(token));
    }

    public Account defaultAccount() {
        return accounts.get(0);
    }

    public List<Account> accounts() {
        return accounts;
    }
}
