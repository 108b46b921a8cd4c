package dev.ensemu.server.domain;


/** A validated page position; the bounds are those of the ENS documentation (PageSize at most 50). */
public record PageRequest(int number, int size) {
    public static final int FIRST_PAGE = 1;
    public static final int DEFAULT_SIZE = 10;
    public static final int MAX_SIZE = 50;

    public PageRequest {
        if (number < FIRST_PAGE) {
            throw new EnsException(EnsError.INVALID_PARAMETER_FIELD, "PageNumber");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new EnsException(EnsError.INVALID_PARAMETER_FIELD, "PageSize");
        }
    }

    /** Absent values take the ENS defaults (page 1, 10 entries). */
    public static PageRequest of(Integer number, Integer size) {
        return new PageRequest(number == null ? FIRST_PAGE : number, size == null ? DEFAULT_SIZE : size);
    }

    /** Index of the first entry; long because page 2147483647 of 50 overflows an int. */
    public long offset() {
        return (long) (number - 1) * size;
    }
}
