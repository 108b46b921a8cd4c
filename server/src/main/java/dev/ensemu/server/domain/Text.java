package dev.ensemu.server.domain;

import java.util.Optional;

/** ENS's reading of a parameter value: an empty string is "not given". */
final class Text {
    private Text() {}

    static Optional<String> given(String value) {
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
