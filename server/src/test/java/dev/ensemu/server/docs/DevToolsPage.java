package dev.ensemu.server.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One page of a headless Chromium driven over the DevTools protocol (a WebSocket of JSON messages):
 * enough to load a page and run scripts in it that click, type and read, as a person would.
 */
final class DevToolsPage implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final Process browser;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private DevToolsPage(Process browser, URI page) throws InterruptedException {
        this.browser = browser;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(page, new Listener()).join();
    }

    /** Starts Chromium with the flags this machine's closed network needs, on a blank page. */
    static DevToolsPage open(Path chromium, Path profile) throws IOException, InterruptedException {
        Process browser = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,2400", "--user-data-dir=" + profile, "--remote-debugging-port=0", "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader errors = new BufferedReader(new InputStreamReader(browser.getErrorStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = errors.readLine()) != null) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                URI endpoint = URI.create(m.group(1));
                Thread drain = new Thread(() -> errors.lines().forEach(ignored -> { }));
                drain.setDaemon(true);
                drain.start();
                HttpResponse<String> targets = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://" + endpoint.getAuthority() + "/json/list")).build(), HttpResponse.BodyHandlers.ofString());
                for (JsonNode target : JSON.readTree(targets.body())) {
                    if ("page".equals(target.path("type").asText())) {
                        return new DevToolsPage(browser, URI.create(target.path("webSocketDebuggerUrl").asText()));
                    }
                }
                browser.destroyForcibly();
                throw new IllegalStateException("Chromium shows no page: " + targets.body());
            }
        }
        throw new IllegalStateException("Chromium ended before it listened for DevTools");
    }

    void navigate(String url) {
        ObjectNode params = JSON.createObjectNode().put("url", url);
        send("Page.navigate", params);
    }

    /** Runs a script in the page, waiting for the promise it returns; its value as text. */
    String evaluate(String expression) {
        JsonNode answer = send("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                .put("awaitPromise", true).put("returnByValue", true));
        if (answer.has("exceptionDetails")) {
            throw new AssertionError("the page's script failed: " + answer.path("exceptionDetails").path("exception")
                    .path("description").asText(answer.path("exceptionDetails").toString()));
        }
        return answer.path("result").path("value").asText();
    }

    private JsonNode send(String method, ObjectNode params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        socket.sendText(message.toString(), true).join();
        try {
            JsonNode reply = answer.get(60, TimeUnit.SECONDS);
            if (reply.has("error")) {
                throw new AssertionError(method + " failed: " + reply.path("error"));
            }
            return reply.path("result");
        } catch (Exception e) {
            throw new AssertionError(method + " got no answer", e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.abort();
        browser.destroy();
        if (!browser.waitFor(10, TimeUnit.SECONDS)) {
            browser.destroyForcibly();
        }
    }

    /** Gathers each message's frames and completes the call it answers; events are ignored. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder frames = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            frames.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(frames.toString());
                    CompletableFuture<JsonNode> waiting = message.has("id") ? pending.remove(message.path("id").asInt()) : null;
                    if (waiting != null) {
                        waiting.complete(message);
                    }
                } catch (IOException e) {
                    pending.values().forEach(waiting -> waiting.completeExceptionally(e));
                }
                frames.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
