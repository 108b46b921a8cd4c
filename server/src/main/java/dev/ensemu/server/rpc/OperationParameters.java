package dev.ensemu.server.rpc;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ensemu.server.domain.EnsError;
import dev.ensemu.server.domain.EnsException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.FormParam;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An operation's parameters with the limits the OpenAPI document gives them, read once from the
 * code generated from its section: the names, in the document's order, from the {@code @FormParam}s
 * of the generated interface; required, type, minimum and maximum, lengths, pattern, enum and
 * default from the bean-validation annotations and initial values of the generated request model.
 * No limit is written a second time by hand.
 */
public final class OperationParameters {
    /** One parameter and what the document allows of it; a null bound is no bound. */
    public record Parameter(String name, boolean required, boolean integer, Long minimum, Long maximum, Integer minLength,
            Integer maxLength, Pattern pattern, Set<String> allowed, String defaultValue) {

        /** Whether a given (non-empty) value keeps to the document. */
        boolean accepts(String value) {
            if (integer) {
                Integer number = StrictIntegerConverterProvider.parse(value);
                return number != null && (minimum == null || number >= minimum) && (maximum == null || number <= maximum);
            }
            int length = value.codePointCount(0, value.length());
            return (minLength == null || length >= minLength) && (maxLength == null || length <= maxLength)
                    && (pattern == null || pattern.matcher(value).find()) && (allowed == null || allowed.contains(value));
        }
    }

    private final List<Parameter> parameters;

    private OperationParameters(List<Parameter> parameters) {
        this.parameters = List.copyOf(parameters);
    }

    /**
     * @param serving the generated interface method, whose {@code @FormParam}s name the parameters in the document's order
     * @param request the generated model of the operation's form schema
     */
    static OperationParameters read(Method serving, Class<?> request) {
        Map<String, Method> getters = new HashMap<>();
        for (Method getter : request.getMethods()) {
            JsonProperty property = getter.getAnnotation(JsonProperty.class);
            if (property != null && getter.getParameterCount() == 0) {
                getters.put(property.value(), getter);
            }
        }
        Object defaults = newInstance(request);
        List<Parameter> parameters = new ArrayList<>();
        for (java.lang.reflect.Parameter declared : serving.getParameters()) {
            FormParam form = declared.getAnnotation(FormParam.class);
            if (form == null) {
                continue;
            }
            Method getter = getters.get(form.value());
            if (getter == null) {
                throw new IllegalArgumentException(request.getName() + " has no property " + form.value());
            }
            parameters.add(parameter(form.value(), getter, defaults));
        }
        return new OperationParameters(parameters);
    }

    private static Parameter parameter(String name, Method getter, Object defaults) {
        Size size = getter.getAnnotation(Size.class);
        Min min = getter.getAnnotation(Min.class);
        Max max = getter.getAnnotation(Max.class);
        jakarta.validation.constraints.Pattern pattern = getter.getAnnotation(jakarta.validation.constraints.Pattern.class);
        Class<?> type = getter.getReturnType();
        Set<String> allowed = type.isEnum()
                ? Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.toUnmodifiableSet())
                : null;
        Object initial = invoke(getter, defaults);
        return new Parameter(name, getter.isAnnotationPresent(NotNull.class), type == Integer.class || type == Long.class,
                min == null ? null : min.value(), max == null ? null : max.value(),
                size == null || size.min() == 0 ? null : size.min(), size == null || size.max() == Integer.MAX_VALUE ? null : size.max(),
                pattern == null ? null : Pattern.compile(pattern.regexp()), allowed, initial == null ? null : initial.toString());
    }

    public List<Parameter> all() {
        return parameters;
    }

    /** The names, in the document's order. */
    public List<String> names() {
        return parameters.stream().map(Parameter::name).toList();
    }

    /**
     * Holds the call's values to the document in ENS's order: every required parameter first
     * ({@code MissingParameter} naming the first missing or empty one), then each given value in
     * the document's order ({@code InvalidParameter.<Name>} for the first that breaks its limits).
     *
     * @return the operation's parameters in the document's order, absent ones at their documented
     *         default, those with neither left out
     */
    public Map<String, String> validated(RpcParameters given) {
        for (Parameter parameter : parameters) {
            if (parameter.required() && given.given(parameter.name()) == null) {
                throw new EnsException(EnsError.MISSING_PARAMETER, parameter.name());
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Parameter parameter : parameters) {
            String value = given.given(parameter.name());
            if (value != null && !parameter.accepts(value)) {
                throw new EnsException(EnsError.INVALID_PARAMETER_FIELD, parameter.name());
            }
            // Empty values mean "not given": the default applies, or nothing reaches the handler.
            String effective = value != null ? value : parameter.defaultValue();
            if (effective != null) {
                values.put(parameter.name(), effective);
            }
        }
        return values;
    }

    private static Object newInstance(Class<?> request) {
        try {
            return request.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(request.getName() + " cannot be made with no arguments", e);
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalArgumentException("cannot read " + getter, e);
        }
    }
}
