package dev.ensemu.bench;

import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;

/**
 * The stack's ceiling: a raw Grizzly handler (same listener settings and worker pool as ensemu)
 * that answers every request with the same fixed 10-image DescribeExportImageInfo page.
 * Run: java -cp benchmarks/target/benchmarks.jar dev.ensemu.bench.RawGrizzlyBaseline PORT
 */
public final class RawGrizzlyBaseline {
    private RawGrizzlyBaseline() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        byte[] page = fixedPage();
        HttpServer server = new HttpServer();
        NetworkListener listener = new NetworkListener("baseline", "127.0.0.1", port);
        listener.getTransport().setWorkerThreadPoolConfig(ThreadPoolConfig.defaultConfig().setCorePoolSize(32).setMaxPoolSize(32));
        listener.getKeepAlive().setMaxRequestsCount(-1); // as ensemu: no cap on requests per connection
        server.addListener(listener);
        server.getServerConfiguration().addHttpHandler(new HttpHandler() {
            @Override
            public void service(Request request, Response response) throws Exception {
                response.setContentType("application/json;charset=utf-8");
                response.setHeader("x-acs-request-id", "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E");
                response.setContentLength(page.length);
                response.getOutputStream().write(page);
            }
        }, "/");
        server.start();
        System.out.println("baseline listening on http://127.0.0.1:" + listener.getPort() + "/");
        Thread.currentThread().join();
    }

    static byte[] fixedPage() {
        StringJoiner images = new StringJoiner(",");
        for (int i = 0; i < 10; i++) {
            images.add("{\"Architecture\":\"x86_64\",\"CreationTime\":\"2024-02-06T17:59:07Z\",\"ExportedImageURL\":\"\","
                    + "\"ImageExportStatus\":\"Unexported\",\"ImageId\":\"m-bench" + String.format("%07d", i) + "\","
                    + "\"ImageName\":\"bench-image-" + i + "\",\"ImageOwnerAlias\":\"self\",\"Platform\":\"centos\"}");
        }
        return ("{\"Images\":{\"Image\":[" + images + "]},\"PageNumber\":1,\"PageSize\":10,"
                + "\"RequestId\":\"473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E\",\"TotalCount\":100000}").getBytes(StandardCharsets.UTF_8);
    }
}
