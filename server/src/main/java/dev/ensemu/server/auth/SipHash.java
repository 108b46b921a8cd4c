package dev.ensemu.server.auth;

/**
 * SipHash-2-4 (Aumasson and Bernstein, 2012), the keyed pseudo-random function built for hash
 * tables fed attacker-chosen input: without the 128-bit key, outputs for inputs of the caller's
 * choosing cannot be told from random ones, so they collide no more often than random 64-bit
 * values would. Checked against the reference test vectors ({@code SipHashTest}).
 */
final class SipHash {
    private long v0;
    private long v1;
    private long v2;
    private long v3;
    /** Bytes not yet absorbed, little-endian, and how many bytes were fed in all. */
    private long pending;
    private long length;

    private SipHash(long k0, long k1) {
        v0 = k0 ^ 0x736f6d6570736575L;
        v1 = k1 ^ 0x646f72616e646f6dL;
        v2 = k0 ^ 0x6c7967656e657261L;
        v3 = k1 ^ 0x7465646279746573L;
    }

    /** The 64-bit SipHash-2-4 of the bytes under the key {@code (k0, k1)} (each read little-endian, as the reference does). */
    static long hash(long k0, long k1, byte[] data) {
        SipHash sip = new SipHash(k0, k1);
        for (byte b : data) {
            sip.add(b);
        }
        return sip.finish();
    }

    /**
     * The SipHash-2-4 of a pair of texts, over an encoding that no other pair shares: the first
     * text's length in characters (4 bytes), then both texts as UTF-16 code units (2 bytes each).
     */
    static long hash(long k0, long k1, String first, String second) {
        SipHash sip = new SipHash(k0, k1);
        int size = first.length();
        sip.add((byte) size);
        sip.add((byte) (size >>> 8));
        sip.add((byte) (size >>> 16));
        sip.add((byte) (size >>> 24));
        sip.addChars(first);
        sip.addChars(second);
        return sip.finish();
    }

    private void addChars(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            add((byte) c);
            add((byte) (c >>> 8));
        }
    }

    private void add(byte b) {
        pending |= (b & 0xFFL) << (8 * (length & 7));
        if ((++length & 7) == 0) {
            compress(pending);
            pending = 0;
        }
    }

    private long finish() {
        compress(pending | (length << 56));
        v2 ^= 0xFF;
        for (int i = 0; i < 4; i++) {
            round();
        }
        return v0 ^ v1 ^ v2 ^ v3;
    }

    private void compress(long m) {
        v3 ^= m;
        round();
        round();
        v0 ^= m;
    }

    private void round() {
        v0 += v1;
        v1 = Long.rotateLeft(v1, 13);
        v1 ^= v0;
        v0 = Long.rotateLeft(v0, 32);
        v2 += v3;
        v3 = Long.rotateLeft(v3, 16);
        v3 ^= v2;
        v0 += v3;
        v3 = Long.rotateLeft(v3, 21);
        v3 ^= v0;
        v2 += v1;
        v1 = Long.rotateLeft(v1, 17);
        v1 ^= v2;
        v2 = Long.rotateLeft(v2, 32);
    }
}
