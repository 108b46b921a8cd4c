package dev.ensemu.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * Writes N request targets ({@code /?...}) signed with V1 by the development key, each with its
 * own nonce and the current time, for wrk to send. Run: ... PresignedRequests FILE N PAGE_NUMBER [PARTS]
 * With PARTS, the lines are dealt round-robin into FILE.0 ... FILE.(PARTS-1), one per wrk thread,
 * so that with replay protection on no two threads send the same nonce (see presigned.lua).
 */
public final class PresignedRequests {
    private PresignedRequests() {}

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        String pageNumber = args[2];
        int parts = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        PrintWriter[] outs = new PrintWriter[Math.max(parts, 1)];
        for (int part = 0; part < outs.length; part++) {
            Path target = parts == 0 ? file : Path.of(file + "." + part);
            outs[part] = new PrintWriter(Files.newBufferedWriter(target, StandardCharsets.UTF_8));
        }
        try {
            for (int i = 0; i < count; i++) {
                PrintWriter out = outs[i % outs.length];
                Map<String, String> params = DevKeyRequests.signedV1("GET", Map.of("PageSize", "10", "PageNumber", pageNumber),
                        UUID.randomUUID().toString(), now);
                StringJoiner query = new StringJoiner("&");
                params.forEach((name, value) -> query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
                out.println("/?" + query);
            }
        } finally {
            for (PrintWriter out : outs) {
                out.close();
            }
        }
    }
}
