package dev.ensemu.server.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The blocked list against a plain sorted list: the same elements in the same order after any mix of changes. */
class SortedBlocksTest {
    @Test
    void matchesASortedListThroughSplitsAndEmptiedBlocks() {
        Random random = new Random(20261129);
        List<Integer> reference = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            reference.add(i * 2);
        }
        SortedBlocks<Integer> blocks = new SortedBlocks<>(reference, Comparator.naturalOrder());
        for (int step = 0; step < 20_000; step++) {
            int value = random.nextInt(12_000);
            int at = Collections.binarySearch(reference, value);
            if (random.nextInt(3) > 0 && at < 0) {
                reference.add(-at - 1, value);
                blocks.add(value);
            } else {
                assertThat(blocks.remove(value)).isEqualTo(at >= 0);
                if (at >= 0) {
                    reference.remove(at);
                }
            }
            if (step % 500 == 0) {
                int from = random.nextInt(reference.size() + 1);
                int to = from + random.nextInt(reference.size() - from + 1);
                assertThat(blocks.slice(from, to)).as("step %d", step).isEqualTo(reference.subList(from, to));
            }
        }
        assertThat(blocks.size()).isEqualTo(reference.size());
        assertThat(blocks.all()).isEqualTo(reference);
    }

    @Test
    void startsEmptyAndGrowsFromNothing() {
        SortedBlocks<Integer> blocks = new SortedBlocks<>(List.<Integer>of(), Comparator.<Integer>naturalOrder());
        assertThat(blocks.all()).isEmpty();
        assertThat(blocks.remove(1)).isFalse();
        for (int i = 5_000; i > 0; i--) {
            blocks.add(i);
        }
        assertThat(blocks.slice(0, 3)).containsExactly(1, 2, 3);
        assertThat(blocks.slice(4_998, 5_000)).containsExactly(4_999, 5_000);
        assertThat(blocks.size()).isEqualTo(5_000);
    }
}
