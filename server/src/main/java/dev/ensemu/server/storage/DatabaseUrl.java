package dev.ensemu.server.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A PostgreSQL address as users write it: {@code postgresql://user:password@host:port/db} (libpq's
 * form, also {@code postgres://}) or a JDBC URL {@code jdbc:postgresql://host:port/db?user=...}.
 */
public record DatabaseUrl(String jdbcUrl, Optional<String> user, Optional<String> password) {
    public static DatabaseUrl parse(String text) {
        if (text.startsWith("jdbc:postgresql://")) {
            return new DatabaseUrl(text, Optional.empty(), Optional.empty());
        }
        if (!text.startsWith("postgresql://") && !text.startsWith("postgres://")) {
            throw new IllegalArgumentException("--database: expected postgresql://user:password@host:port/database"
                    + " or jdbc:postgresql://..., got " + redact(text));
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--database: not a URL (" + e.getReason() + "): " + redact(text));
        }
        String database = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
        if (uri.getHost() == null || database.isEmpty()) {
            throw new IllegalArgumentException("--database: needs a host and a database name, as in"
                    + " postgresql://user:password@host:5432/ensemu; got " + redact(text));
        }
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = Optional.of(decode(parts[0]));
            password = parts.length > 1 ? Optional.of(decode(parts[1])) : Optional.empty();
        }
        String jdbc = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + "/" + database
                + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "");
        return new DatabaseUrl(jdbc, user, password);
    }

    /** The address without its password, for logs and errors. */
    public String redacted() {
        return redact(jdbcUrl) + user.map(u -> " as " + u).orElse("");
    }

    private static String redact(String text) {
        return text.replaceAll("(://[^:/@]*:)[^@]*@", "$1***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + redacted() + "]";
    }
}
