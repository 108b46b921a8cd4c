package dev.ensemu.server.auth;

import dev.ensemu.server.domain.Account;
import java.util.Optional;

/** Who made an authenticated request: the account, and the key it signed with (none when anonymous). */
public record Caller(Account account, Optional<String> accessKeyId, SignatureScheme scheme) {

    public static Caller anonymous(Account account) {
        return new Caller(account, Optional.empty(), SignatureScheme.NONE);
    }

    public static Caller signed(Account account, String accessKeyId, SignatureScheme scheme) {
        return new Caller(account, Optional.of(accessKeyId), scheme);
    }


}
