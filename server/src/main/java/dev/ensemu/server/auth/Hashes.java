package dev.ensemu.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The digests the two signature schemes are built from. */
public final class Hashes {
    private static final HexFormat HEX = HexFormat.of();
    // Looking up a JCA provider costs more than hashing a request; each thread keeps its instances.
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> instance(() -> MessageDigest.getInstance("SHA-256")));
    private static final ThreadLocal<Mac> HMAC_SHA1 = ThreadLocal.withInitial(() -> instance(() -> Mac.getInstance("HmacSHA1")));
    private static final ThreadLocal<Mac> HMAC_SHA256 = ThreadLocal.withInitial(() -> instance(() -> Mac.getInstance("HmacSHA256")));

    private Hashes() {}

    public static String sha256Hex(byte[] data) {
        return HEX.formatHex(SHA256.get().digest(data));
    }

    static byte[] hmacSha1(String key, String data) {
        return hmac(HMAC_SHA1.get(), key, data);
    }

    static byte[] hmacSha256(String key, String data) {
        return hmac(HMAC_SHA256.get(), key, data);
    }

    private static byte[] hmac(Mac mac, String key, String data) {
        try {
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), mac.getAlgorithm()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("an HMAC key made of bytes is always valid", e);
        }
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private interface Lookup<T> {
        T get() throws GeneralSecurityException;
    }

    private static <T> T instance(Lookup<T> lookup) {
        try {
            return lookup.get();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256, HmacSHA1 and HmacSHA256 are part of every JRE", e);
        }
    }

    static String hex(byte[] data) {
        return HEX.formatHex(data);
    }

    /** Constant-time comparison, so response timing tells nothing about the expected signature. */
    static boolean sameText(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
