package dev.ensemu.server.domain;

/**
 * A page position. Its bounds and defaults are the OpenAPI document's (PageNumber from 1, PageSize
 * 1 to 50, defaults 1 and 10), held by the RPC layer before a call reaches the domain.
 */
public record PageRequest(int number, int size) {
    /** Index of the first entry; long because page 2147483647 of 50 overflows an int. */
    public long offset() {
        return (long) (number - 1) * size;
    }
}
