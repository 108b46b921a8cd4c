package dev.ensemu.server.journal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A journal entry's parameters as one string and the offsets where its names and values end: an
 * immutable map in insertion order. The journal keeps the last thousand calls, which at thousands
 * of calls a second all live through a young collection; as a map of strings each entry is some
 * sixty objects for the collector to copy, packed it is three.
 */
final class PackedParameters extends AbstractMap<String, String> {
    private final String text;
    private final int[] ends; // ends[2i]: end of name i, ends[2i+1]: end of value i

    private PackedParameters(String text, int[] ends) {
        this.text = text;
        this.ends = ends;
    }

    static Map<String, String> of(Map<String, String> parameters) {
        if (parameters.isEmpty()) {
            return Map.of();
        }
        if (parameters instanceof PackedParameters) {
            return parameters;
        }
        StringBuilder text = new StringBuilder((int) characters(parameters));
        int[] ends = new int[2 * parameters.size()];
        int i = 0;
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            ends[i++] = text.append(parameter.getKey()).length();
            ends[i++] = text.append(parameter.getValue()).length();
        }
        return new PackedParameters(text.toString(), ends);
    }

    /** The characters of all names and values: one string's length when packed, no substrings made. */
    static long characters(Map<String, String> parameters) {
        if (parameters instanceof PackedParameters packed) {
            return packed.text.length();
        }
        long characters = 0;
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            characters += parameter.getKey().length() + parameter.getValue().length();
        }
        return characters;
    }

    @Override
    public int size() {
        return ends.length / 2;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return PackedParameters.this.size();
            }

            @Override
            public Iterator<Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < ends.length;
                    }

                    @Override
                    public Entry<String, String> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        int start = next == 0 ? 0 : ends[next - 1];
                        String name = text.substring(start, ends[next]);
                        String value = text.substring(ends[next], ends[next + 1]);
                        next += 2;
                        return new SimpleImmutableEntry<>(name, value);
                    }
                };
            }
        };
    }
}
