package dev.ensemu.server.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.annotation.Priority;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;

/**
 * The request context is closed after every request, whichever step failed: on a server with a
 * single worker thread, each request looks (before CurrentRequest opens its own) whether the
 * previous one left a request open on that thread.
 */
class CurrentRequestIT {
    /** What each request found on the thread when it arrived: true when a previous request's context was still open. */
    private static final List<Boolean> LEFT_OPEN = new CopyOnWriteArrayList<>();

    @PreMatching
    @Priority(Priorities.AUTHENTICATION - 300) // before CurrentRequest opens its own
    public static final class Probe implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            LEFT_OPEN.add(CurrentRequest.peek() != null);
        }
    }

    /** A later request filter that fails for one path, as the envelope or authentication do for bad requests. */
    @PreMatching
    @Priority(Priorities.AUTHENTICATION)
    public static final class FailingRequestStep implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            if (request.getUriInfo().getPath().equals("request-filter-fails")) {
                throw new IllegalStateException("a request step failed");
            }
        }
    }

    /** A response filter that fails for one path. */
    public static final class FailingResponseStep implements ContainerResponseFilter {
        @Override
        public void filter(ContainerRequestContext request, ContainerResponseContext response) {
            if (request.getUriInfo().getPath().equals("response-filter-fails")) {
                throw new IllegalStateException("a response step failed");
            }
        }
    }

    @Path("/")
    public static final class Resource {
        @GET
        @Path("{any}")
        public String serve(@jakarta.ws.rs.PathParam("any") String any) {
            CurrentRequest.get(); // open while the resource runs
            if (any.equals("resource-fails")) {
                throw new IllegalStateException("the resource failed");
            }
            return "ok";
        }
    }

    @Test
    void noStepsFailureLeavesTheRequestOpenForTheNextRequestOnTheThread() throws Exception {
        ResourceConfig app = new ResourceConfig().register(new Probe()).registerInstances(CurrentRequest.filters().toArray()).register(new FailingRequestStep())
                .register(new FailingResponseStep()).register(Resource.class);
        HttpServer server = GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), app, false);
        NetworkListener listener = server.getListeners().iterator().next();
        listener.getTransport().setWorkerThreadPoolConfig(ThreadPoolConfig.defaultConfig().setCorePoolSize(1).setMaxPoolSize(1));
        server.start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            URI base = URI.create("http://127.0.0.1:" + listener.getPort() + "/");
            List<String> steps = List.of("ok", "request-filter-fails", "ok", "resource-fails", "ok", "response-filter-fails", "ok");
            for (String step : steps) {
                int status = client.send(HttpRequest.newBuilder(base.resolve(step)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
                assertThat(status).as(step).isEqualTo(step.equals("ok") ? 200 : 500);
            }
            assertThat(LEFT_OPEN).as("left open, request by request: %s", steps).hasSize(steps.size()).containsExactly(false, false, false, false, false, false, false);
        } finally {
            server.shutdownNow();
        }
    }
}
