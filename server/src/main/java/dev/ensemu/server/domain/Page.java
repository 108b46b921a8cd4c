package dev.ensemu.server.domain;

import java.util.List;

/** One page of a listing, with the number of matches on all pages. */
public record Page<T>(List<T> items, int totalCount, PageRequest request) {
    public Page {
        items = List.copyOf(items);
    }
}
