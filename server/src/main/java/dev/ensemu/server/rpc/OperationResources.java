package dev.ensemu.server.rpc;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import java.util.stream.Collectors;
import org.glassfish.jersey.server.model.Resource;

/**
 * One Jersey resource per operation, on the path {@link RpcEnvelopeFilter} routes its calls to
 * ({@code /<Action>}): Jersey calls the generated interface's GET method on the handler and fills
 * its parameters from the query by the interface's annotations, as for any annotated resource.
 * Built programmatically because every RPC operation shares {@code /} on the wire, so the
 * document's path keys are not routes.
 */
public final class OperationResources {
    private OperationResources() {}

    public static Set<Resource> of(Operations operations) {
        return operations.all().stream().map(OperationResources::resource).collect(Collectors.toSet());
    }

    private static Resource resource(Operation operation) {
        Resource.Builder resource = Resource.builder(operation.action());
        resource.addMethod(HttpMethod.GET)
                .produces(MediaType.APPLICATION_JSON_TYPE, MediaType.TEXT_XML_TYPE)
                .handledBy(operation.handler(), operation.serving());
        return resource.build();
    }
}
