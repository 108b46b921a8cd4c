package dev.ensemu.server.rpc;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import java.util.stream.Collectors;
import org.glassfish.jersey.server.model.Resource;

/**
 * One Jersey resource per operation, on the path {@link RpcEnvelopeFilter} routes its calls to
 * ({@code /<Action>}): Jersey calls the generated interface's POST method on the handler and fills
 * its parameters from the form {@link ParameterFilter} hands it, by the interface's annotations, as
 * for any annotated resource. HEAD is served by the same method; Jersey sends no body for it.
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
        for (String method : new String[] {HttpMethod.POST, HttpMethod.HEAD}) {
            resource.addMethod(method)
                    .consumes(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                    .produces(MediaType.APPLICATION_JSON_TYPE, MediaType.TEXT_XML_TYPE)
                    .handledBy(operation.handler(), operation.serving());
        }
        return resource.build();
    }
}
