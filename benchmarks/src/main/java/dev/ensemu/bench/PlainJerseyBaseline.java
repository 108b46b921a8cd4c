package dev.ensemu.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpContainer;
import org.glassfish.jersey.server.ContainerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The framework's own ceiling: a plain Jersey resource on the same Grizzly listener settings and
 * worker pool, with no filters, no signature and no catalog, that builds a 10-image page with
 * Jackson on every request. ensemu / this = what ensemu's real work costs on top of Jersey.
 * Run: java -cp benchmarks/target/benchmarks.jar dev.ensemu.bench.PlainJerseyBaseline PORT
 */
public final class PlainJerseyBaseline {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlainJerseyBaseline() {}

    @Path("/")
    public static final class PageResource {
        @GET
        @Produces("application/json")
        public byte[] page(@QueryParam("PageSize") Integer pageSize) throws Exception {
            List<Map<String, Object>> images = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Map<String, Object> image = new LinkedHashMap<>();
                image.put("Architecture", "x86_64");
                image.put("CreationTime", "2024-02-06T17:59:07Z");
                image.put("ExportedImageURL", "");
                image.put("ImageExportStatus", "Unexported");
                image.put("ImageId", "m-bench" + String.format("%07d", i));
                image.put("ImageName", "bench-image-" + i);
                image.put("ImageOwnerAlias", "self");
                image.put("Platform", "centos");
                images.add(image);
            }
            Map<String, Object> page = new LinkedHashMap<>();
            page.put("Images", Map.of("Image", images));
            page.put("PageNumber", 1);
            page.put("PageSize", pageSize == null ? 10 : pageSize);
            page.put("RequestId", UUID.randomUUID().toString().toUpperCase());
            page.put("TotalCount", 100_000);
            return JSON.writeValueAsBytes(page);
        }
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        ResourceConfig application = new ResourceConfig(PageResource.class)
                .property(ServerProperties.WADL_FEATURE_DISABLE, true);
        HttpServer server = new HttpServer();
        NetworkListener listener = new NetworkListener("plain-jersey", "127.0.0.1", port);
        listener.getTransport().setWorkerThreadPoolConfig(ThreadPoolConfig.defaultConfig().setCorePoolSize(32).setMaxPoolSize(32));
        listener.getKeepAlive().setMaxRequestsCount(-1); // as ensemu: no cap on requests per connection
        server.addListener(listener);
        server.getServerConfiguration().addHttpHandler(ContainerFactory.createContainer(GrizzlyHttpContainer.class, application), "/");
        server.start();
        System.out.println("plain jersey listening on http://127.0.0.1:" + listener.getPort() + "/");
        Thread.currentThread().join();
    }
}
