package dev.ensemu.server.rpc;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.QueryParam;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One ENS RPC operation: everything the envelope, authentication, the body writer, the journal and
 * the metrics need to know about it. Its parameters come from the OpenAPI document through the
 * interface generated from the operation's section; Jersey serves the call by calling that
 * interface's GET method on the handler, which implements it.
 *
 * @param action    the {@code Action} value, also the name of the operation's section and tag
 * @param ramAction what an account must be allowed to call it ({@code ens:<Action>})
 * @param xmlRoot   the root element of its XML answer
 * @param answer    the generated model of its success answer
 * @param handler   the operation's handler, an instance of the generated interface
 * @param serving   the generated GET method Jersey calls
 * @param parameters the operation's own parameters, as the document lists them
 */
public record Operation(String action, String ramAction, String xmlRoot, Class<?> answer, Object handler, Method serving,
        List<String> parameters) {
    /** The one API version of every operation. */
    public static final String VERSION = "2017-11-10";

    public Operation {
        parameters = List.copyOf(parameters);
    }

    /** Declares an operation from its generated interface and the handler implementing it. */
    public static <T> Operation of(String action, Class<T> api, Class<?> answer, T handler) {
        Method serving = Arrays.stream(api.getMethods()).filter(m -> m.isAnnotationPresent(GET.class)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(api.getName() + " declares no GET method"));
        List<String> parameters = new ArrayList<>();
        for (Parameter parameter : serving.getParameters()) {
            QueryParam query = parameter.getAnnotation(QueryParam.class);
            if (query != null) {
                parameters.add(query.value());
            }
        }
        return new Operation(action, "ens:" + action, action + "Response", answer, handler, serving, parameters);
    }
}
