package dev.ensemu.server.rpc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The operations a server serves, by Action. Which ones they are is the wiring's choice ({@code ServedOperations}). */
public final class Operations {
    private final Map<String, Operation> byAction = new LinkedHashMap<>();

    public Operations(List<Operation> operations) {
        operations.forEach(operation -> {
            if (byAction.put(operation.action(), operation) != null) {
                throw new IllegalArgumentException("two operations named " + operation.action());
            }
        });
    }

    public Optional<Operation> find(String action) {
        return Optional.ofNullable(byAction.get(action));
    }

    public List<Operation> all() {
        return List.copyOf(byAction.values());
    }
}
