package dev.ensemu.server.rpc;

import jakarta.ws.rs.POST;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * One ENS RPC operation: everything the envelope, authentication, the body writer, the journal and
 * the metrics need to know about it. Its parameters and their limits come from the OpenAPI document
 * through the code generated from the operation's section; Jersey serves the call by calling the
 * generated interface's POST method on the handler, which implements it.
 *
 * @param action    the {@code Action} value, also the name of the operation's section and tag
 * @param ramAction what an account must be allowed to call it ({@code ens:<Action>})
 * @param xmlRoot   the root element of its XML answer
 * @param answer    the generated model of its success answer
 * @param handler   the operation's handler, an instance of the generated interface
 * @param serving   the generated POST method Jersey calls
 * @param parameters the operation's own parameters and their limits, as the document gives them
 */
public record Operation(String action, String ramAction, String xmlRoot, Class<?> answer, Object handler, Method serving,
        OperationParameters parameters) {
    /** The one API version of every operation. */
    public static final String VERSION = "2017-11-10";

    /**
     * Declares an operation from the code generated from its section of the document and the
     * handler implementing the generated interface.
     *
     * @param request the generated model of its form schema ({@code <Action>Request})
     * @param answer  the generated model of its success answer
     */
    public static <T> Operation of(String action, Class<T> api, Class<?> request, Class<?> answer, T handler) {
        Method serving = Arrays.stream(api.getMethods()).filter(m -> m.isAnnotationPresent(POST.class)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(api.getName() + " declares no POST method"));
        return new Operation(action, "ens:" + action, action + "Response", answer, handler, serving,
                OperationParameters.read(serving, request));
    }
}
