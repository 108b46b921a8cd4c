package dev.ensemu.conformance.client;

import dev.ensemu.conformance.endpoint.Target;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which of the document's operations an endpoint implements: each is called once, signed, with no
 * parameters of its own; {@code 404 InvalidAction.NotFound} means it is not there, any other answer
 * that it is. Asked once per target and remembered.
 */
public final class Implementation {
    private static final Map<Target, Set<String>> KNOWN = new ConcurrentHashMap<>();

    private Implementation() {}

    public static Set<String> operations(Target target) {
        return KNOWN.computeIfAbsent(target, Implementation::probe);
    }

    private static Set<String> probe(Target target) {
        EnsClient client = new EnsClient(target);
        Set<String> implemented = new LinkedHashSet<>();
        for (String action : Document.get().actions()) {
            if (!notFound(client, action)) {
                implemented.add(action);
            }
        }
        return Set.copyOf(implemented);
    }

    private static boolean notFound(EnsClient client, String action) {
        try {
            Answer answer = client.send(Call.get().action(action));
            return answer.status() == 404 && "InvalidAction.NotFound".equals(answer.code());
        } catch (Exception | AssertionError noEnsAnswer) { // unreachable, untrusted, not JSON, against the document: the checks will say
            return false;
        }
    }
}
