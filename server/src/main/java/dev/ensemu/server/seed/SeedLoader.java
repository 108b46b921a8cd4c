package dev.ensemu.server.seed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ensemu.server.domain.Account;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads a seed file (JSON, or YAML by its .yaml/.yml name) into accounts, through {@link SeedCodec};
 * every problem is one line naming the file, the path of the field and what is wrong.
 */
public final class SeedLoader {
    public static final String BUNDLED = "default-seed.json";

    private SeedLoader() {}

    /** The bundled development seed with its well-known keys. */
    public static List<Account> bundled() {
        try (InputStream in = SeedLoader.class.getResourceAsStream("/dev/ensemu/server/" + BUNDLED)) {
            return SeedCodec.read(SeedCodec.JSON, in.readAllBytes(), "bundled " + BUNDLED);
        } catch (IOException e) {
            throw new IllegalStateException("the bundled seed is part of the jar", e);
        }
    }

    public static List<Account> load(Path file) {
        String source = "seed file " + file;
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SeedException(source + ": cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return SeedCodec.read(name.endsWith(".yaml") || name.endsWith(".yml") ? Yaml.MAPPER : SeedCodec.JSON, bytes, source);
    }

    /** Built on the first YAML seed: the bundled seed and most seeds are JSON, and the YAML parser costs start-up. */
    private static final class Yaml {
        static final ObjectMapper MAPPER = YAMLMapper.builder().build();
    }
}
