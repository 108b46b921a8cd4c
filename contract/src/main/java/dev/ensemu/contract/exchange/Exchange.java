package dev.ensemu.contract.exchange;

import java.util.Map;

/**
 * One ENS call and the answer it got, as seen on the wire between a client and an endpoint.
 *
 * @param action          the Action called (from the parameters or the {@code x-acs-action} header)
 * @param parameters      the call's parameters, query and form together, signature parameters included
 * @param status          the answer's HTTP status
 * @param contentType     its Content-Type, or null
 * @param requestIdHeader its {@code x-acs-request-id} header, or null
 * @param body            its body as sent
 */
public record Exchange(String action, Map<String, String> parameters, int status, String contentType, String requestIdHeader,
        byte[] body) {
    public Exchange {
        parameters = Map.copyOf(parameters);
    }

    /** The same exchange with another Content-Type. */
    public Exchange withType(String type) {
        return new Exchange(action, parameters, status, type, requestIdHeader, body);
    }

    /** The parameter's value, null when absent or empty (an empty value means not given). */
    public String parameter(String name) {
        String value = parameters.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    public boolean succeeded() {
        return status >= 200 && status < 300;
    }

    /** Whether the caller asked for XML ({@code Format=XML} in any letter case). */
    public boolean xmlAsked() {
        return "xml".equalsIgnoreCase(parameter("Format"));
    }
}
