package dev.ensemu.server.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A packed map reads back exactly the map it was made from, in its order, whatever the names and values hold. */
class PackedParametersTest {
    private static final String ALPHABET = "aZ09=&%+ \u00e9\u4e2d\ud83d\ude00\u0000";

    @Test
    void readsBackEveryRandomMapInItsOrder() {
        Random random = new Random(42);
        for (int round = 0; round < 2_000; round++) {
            Map<String, String> original = new LinkedHashMap<>();
            int size = random.nextInt(30);
            for (int i = 0; i < size; i++) {
                original.put(text(random), text(random));
            }

            Map<String, String> packed = PackedParameters.of(original);

            assertThat(packed).isEqualTo(original).hasSameHashCodeAs(original);
            assertThat(new ArrayList<>(packed.entrySet())).isEqualTo(new ArrayList<>(original.entrySet()));
            original.forEach((name, value) -> assertThat(packed.get(name)).isEqualTo(value));
            assertThat(packed.get("not there \u0001")).isNull();
            int characters = original.entrySet().stream().mapToInt(e -> e.getKey().length() + e.getValue().length()).sum();
            assertThat(PackedParameters.characters(packed)).isEqualTo(characters).isEqualTo(PackedParameters.characters(original));
        }
    }

    @Test
    void emptyNamesAndValuesKeepTheirPlaces() {
        Map<String, String> original = new LinkedHashMap<>();
        original.put("", "first");
        original.put("Empty", "");
        original.put("Last", "x");

        assertThat(List.copyOf(PackedParameters.of(original).keySet())).containsExactly("", "Empty", "Last");
        assertThat(PackedParameters.of(original)).isEqualTo(original);
        assertThat(PackedParameters.of(Map.of())).isEmpty();
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
