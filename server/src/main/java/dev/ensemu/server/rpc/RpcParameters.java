package dev.ensemu.server.rpc;

import dev.ensemu.server.domain.EnsError;
import dev.ensemu.server.domain.EnsException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-written because of a contract: a malformed escape or non-UTF-8 byte must name its parameter
 * ({@code InvalidParameter.<Name>}), where library decoders throw or substitute silently.
 * RPC parameters decoded with form rules ({@code +} and {@code %20} are both a space, UTF-8),
 * in arrival order. When a name repeats, the first value counts.
 */
public final class RpcParameters {
    /** One decoded name=value pair. */
    public record Param(String name, String value) {}

    public static final RpcParameters NONE = new RpcParameters(List.of());

    private final List<Param> params;
    private final Map<String, String> firstValues;

    private RpcParameters(List<Param> params) {
        this.params = List.copyOf(params);
        Map<String, String> first = new LinkedHashMap<>();
        for (Param p : this.params) {
            first.putIfAbsent(p.name(), p.value());
        }
        this.firstValues = Collections.unmodifiableMap(first);
    }

    /** Decodes {@code a=1&b=x+y}; a malformed escape or invalid UTF-8 is an InvalidParameter answer. */
    public static RpcParameters parse(String raw) {
        if (raw == null || raw.isEmpty()) {
            return NONE;
        }
        List<Param> params = new ArrayList<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String name = decode(rawName, null);
            if (name.isEmpty()) {
                continue;
            }
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), name);
            params.add(new Param(name, value));
        }
        return new RpcParameters(params);
    }

    /** This set followed by {@code later}; for a name in both, this set's value counts. */
    public RpcParameters followedBy(RpcParameters later) {
        if (later.params.isEmpty()) {
            return this;
        }
        List<Param> all = new ArrayList<>(params);
        all.addAll(later.params);
        return new RpcParameters(all);
    }

    /** The value as sent (possibly empty), or null when the name is absent. */
    public String raw(String name) {
        return firstValues.get(name);
    }

    /** The value, or null when absent or empty: ENS treats {@code ImageId=} as "not given". */
    public String given(String name) {
        String value = firstValues.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    public boolean contains(String name) {
        return firstValues.containsKey(name);
    }

    /** Each name once, with the value that counts, in arrival order. */
    public Map<String, String> asMap() {
        return firstValues;
    }

    public boolean isEmpty() {
        return params.isEmpty();
    }

    /** How many pairs arrived, repeats included. */
    public int count() {
        return params.size();
    }

    private static String decode(String raw, String field) {
        if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int lo = hi >= 0 ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (lo < 0) {
                    throw malformed(field, "a malformed percent-escape");
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw malformed(field, "percent-escapes that are not UTF-8");
        }
    }

    private static EnsException malformed(String field, String what) {
        return field == null
                ? new EnsException(EnsError.INVALID_PARAMETER, "a parameter name with " + what)
                : new EnsException(EnsError.INVALID_PARAMETER_FIELD, field);
    }
}
