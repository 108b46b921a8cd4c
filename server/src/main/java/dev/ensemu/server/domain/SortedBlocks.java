package dev.ensemu.server.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * A sorted list kept in blocks of at most {@link #MAX_BLOCK} elements, so an insert or a removal
 * shifts one small block instead of a million-element array (which also kept the garbage
 * collector rescanning the whole array after every write), while a slice by position stays a
 * binary search plus a copy. Not thread-safe: {@link AccountImages} guards it.
 */
final class SortedBlocks<T> {
    static final int MAX_BLOCK = 1024;

    private final Comparator<T> order;
    private final ArrayList<ArrayList<T>> blocks = new ArrayList<>();
    /** starts[i]: the position of block i's first element; rebuilt after each change (blocks are few). */
    private int[] starts = new int[0];
    private int size;

    /** @param sorted already in {@code order} */
    SortedBlocks(List<T> sorted, Comparator<T> order) {
        this.order = order;
        for (int from = 0; from < sorted.size(); from += MAX_BLOCK / 2) { // half full: room to grow in place
            blocks.add(new ArrayList<>(sorted.subList(from, Math.min(from + MAX_BLOCK / 2, sorted.size()))));
        }
        reindex();
    }

    int size() {
        return size;
    }

    /** Adds an element that is not in the list yet. */
    void add(T element) {
        if (blocks.isEmpty()) {
            blocks.add(new ArrayList<>(List.of(element)));
            reindex();
            return;
        }
        int b = blockFor(element);
        ArrayList<T> block = blocks.get(b);
        int at = Collections.binarySearch(block, element, order);
        block.add(at < 0 ? -at - 1 : at, element);
        if (block.size() > MAX_BLOCK) {
            ArrayList<T> upper = new ArrayList<>(block.subList(block.size() / 2, block.size()));
            block.subList(block.size() / 2, block.size()).clear();
            blocks.add(b + 1, upper);
        }
        reindex();
    }

    /** Removes an element equal to this one in {@code order}; false if there is none. */
    boolean remove(T element) {
        if (blocks.isEmpty()) {
            return false;
        }
        int b = blockFor(element);
        ArrayList<T> block = blocks.get(b);
        int at = Collections.binarySearch(block, element, order);
        if (at < 0) {
            return false;
        }
        block.remove(at);
        if (block.isEmpty()) {
            blocks.remove(b);
        }
        reindex();
        return true;
    }

    /** The elements at positions {@code from} (inclusive) to {@code to} (exclusive), as a new list. */
    List<T> slice(int from, int to) {
        List<T> slice = new ArrayList<>(Math.max(0, to - from));
        int b = blockAt(from);
        for (int position = from; position < to; b++) {
            ArrayList<T> block = blocks.get(b);
            int start = position - starts[b];
            int end = Math.min(block.size(), start + (to - position));
            slice.addAll(block.subList(start, end));
            position += end - start;
        }
        return slice;
    }

    List<T> all() {
        return slice(0, size);
    }

    /** The block an element belongs in: the first whose last element is not before it, else the last. */
    private int blockFor(T element) {
        int low = 0;
        int high = blocks.size() - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            ArrayList<T> block = blocks.get(middle);
            if (order.compare(block.get(block.size() - 1), element) < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** The block holding the element at {@code position}. */
    private int blockAt(int position) {
        int found = java.util.Arrays.binarySearch(starts, position);
        return found >= 0 ? found : -found - 2;
    }

    private void reindex() {
        int[] next = new int[blocks.size()];
        int position = 0;
        for (int i = 0; i < next.length; i++) {
            next[i] = position;
            position += blocks.get(i).size();
        }
        starts = next;
        size = position;
    }
}
