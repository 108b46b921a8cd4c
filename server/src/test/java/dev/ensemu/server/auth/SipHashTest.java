package dev.ensemu.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SipHashTest {
    /** The reference implementation's vectors: key 00..0f, messages 00..(n-1) for n = 0..63 (SipHash paper, appendix). */
    private static final long[] REFERENCE = {
        0x726fdb47dd0e0e31L, 0x74f839c593dc67fdL, 0x0d6c8009d9a94f5aL, 0x85676696d7fb7e2dL, 0xcf2794e0277187b7L, 0x18765564cd99a68dL,
        0xcbc9466e58fee3ceL, 0xab0200f58b01d137L, 0x93f5f5799a932462L, 0x9e0082df0ba9e4b0L, 0x7a5dbbc594ddb9f3L, 0xf4b32f46226bada7L,
        0x751e8fbc860ee5fbL, 0x14ea5627c0843d90L, 0xf723ca908e7af2eeL, 0xa129ca6149be45e5L, 0x3f2acc7f57c29bdbL, 0x699ae9f52cbe4794L,
        0x4bc1b3f0968dd39cL, 0xbb6dc91da77961bdL, 0xbed65cf21aa2ee98L, 0xd0f2cbb02e3b67c7L, 0x93536795e3a33e88L, 0xa80c038ccd5ccec8L,
        0xb8ad50c6f649af94L, 0xbce192de8a85b8eaL, 0x17d835b85bbb15f3L, 0x2f2e6163076bcfadL, 0xde4daaaca71dc9a5L, 0xa6a2506687956571L,
        0xad87a3535c49ef28L, 0x32d892fad841c342L, 0x7127512f72f27cceL, 0xa7f32346f95978e3L, 0x12e0b01abb051238L, 0x15e034d40fa197aeL,
        0x314dffbe0815a3b4L, 0x027990f029623981L, 0xcadcd4e59ef40c4dL, 0x9abfd8766a33735cL, 0x0e3ea96b5304a7d0L, 0xad0c42d6fc585992L,
        0x187306c89bc215a9L, 0xd4a60abcf3792b95L, 0xf935451de4f21df2L, 0xa9538f0419755787L, 0xdb9acddff56ca510L, 0xd06c98cd5c0975ebL,
        0xe612a3cb9ecba951L, 0xc766e62cfcadaf96L, 0xee64435a9752fe72L, 0xa192d576b245165aL, 0x0a8787bf8ecb74b2L, 0x81b3e73d20b49b6fL,
        0x7fa8220ba3b2eceaL, 0x245731c13ca42499L, 0xb78dbfaf3a8d83bdL, 0xea1ad565322a1a0bL, 0x60e61c23a3795013L, 0x6606d7e446282b93L,
        0x6ca4ecb15c5f91e1L, 0x9f626da15c9625f3L, 0xe51b38608ef25f57L, 0x958a324ceb064572L};

    @Test
    void matchesTheReferenceVectors() {
        long k0 = 0x0706050403020100L;
        long k1 = 0x0f0e0d0c0b0a0908L;
        for (int n = 0; n < REFERENCE.length; n++) {
            byte[] message = new byte[n];
            for (int i = 0; i < n; i++) {
                message[i] = (byte) i;
            }
            assertThat(SipHash.hash(k0, k1, message)).as("vector %d", n).isEqualTo(REFERENCE[n]);
        }
    }

    @Test
    void thePairEncodingIsTheLengthThenBothTextsAsUtf16() {
        long k0 = 0x0706050403020100L;
        long k1 = 0x0f0e0d0c0b0a0908L;
        byte[] encoded = {2, 0, 0, 0, 'a', 0, (byte) 0xe9, 0, 'n', 0, 0x34, 0x12};
        assertThat(SipHash.hash(k0, k1, "a\u00e9", "n\u1234")).isEqualTo(SipHash.hash(k0, k1, encoded));
    }

    @Test
    void equalPairsCollideAndAMillionRandomOnesDoNot() {
        SecureRandom random = new SecureRandom();
        long k0 = random.nextLong();
        long k1 = random.nextLong();
        assertThat(SipHash.hash(k0, k1, "LTAIkey", "nonce-1")).isEqualTo(SipHash.hash(k0, k1, "LTAIkey", new String("nonce-1")));
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 1_000_000; i++) {
            seen.add(SipHash.hash(k0, k1, "LTAIkey", UUID.randomUUID().toString()));
        }
        // 64-bit values of a million random inputs all differ unless the function is broken (a clash by chance: ~2^-25).
        assertThat(seen).hasSize(1_000_000);
    }

    @Test
    void adversariallySimilarPairsAllDiffer() {
        long k0 = 0x0123456789abcdefL;
        long k1 = 0x0fedcba987654321L;
        List<String[]> pairs = new ArrayList<>();
        // Moving the boundary between key id and nonce, one character flipped, appended NULs, case, swapped halves.
        String joined = "LTAIEnsemuDevAccess01nonce-0001";
        for (int split = 0; split <= joined.length(); split++) {
            pairs.add(new String[] {joined.substring(0, split), joined.substring(split)});
        }
        Random random = new Random(20261204);
        for (int i = 0; i < 10_000; i++) {
            char[] nonce = "nonce-0001-aaaaaaaaaaaaaaaa".toCharArray();
            nonce[random.nextInt(nonce.length)] ^= (char) (1 << random.nextInt(16));
            pairs.add(new String[] {"LTAIEnsemuDevAccess01", new String(nonce)});
        }
        for (int zeros = 0; zeros < 64; zeros++) {
            pairs.add(new String[] {"LTAIEnsemuDevAccess01", "nonce" + "\0".repeat(zeros)});
        }
        pairs.add(new String[] {"nonce-0001", "LTAIEnsemuDevAccess01"});
        pairs.add(new String[] {"ltaiensemudevaccess01", "NONCE-0001"});
        Set<String> distinct = new HashSet<>();
        Set<Long> hashes = new HashSet<>();
        for (String[] pair : pairs) {
            if (distinct.add(pair[0].length() + ":" + pair[0] + pair[1])) {
                hashes.add(SipHash.hash(k0, k1, pair[0], pair[1]));
            }
        }
        assertThat(hashes).hasSize(distinct.size());
    }
}
