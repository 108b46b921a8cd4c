package dev.ensemu.server.rpc;

import dev.ensemu.server.domain.EnsError;
import dev.ensemu.server.domain.EnsException;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.regex.Pattern;

/**
 * Integer parameters as ENS reads them: optional minus and digits that fit 32 bits, nothing else
 * (no spaces, no decimals). Anything else is {@code InvalidParameter.<Name>}, where Jersey alone
 * would answer 404 or quietly use the default.
 */
public final class StrictIntegerConverterProvider implements ParamConverterProvider {
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,10}");

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (rawType != Integer.class) {
            return null;
        }
        String name = parameterName(annotations);
        return (ParamConverter<T>) new ParamConverter<Integer>() {
            @Override
            public Integer fromString(String value) {
                Integer parsed = value == null ? null : parse(value);
                if (parsed == null) {
                    throw new EnsException(EnsError.INVALID_PARAMETER_FIELD, name);
                }
                return parsed;
            }

            @Override
            public String toString(Integer value) {
                return value.toString();
            }
        };
    }

    /** The value as ENS reads an integer, or null when it is not one (not digits, or over 32 bits). */
    static Integer parse(String value) {
        if (!INTEGER.matcher(value).matches()) {
            return null;
        }
        long parsed = Long.parseLong(value);
        return parsed == (int) parsed ? (int) parsed : null;
    }

    private static String parameterName(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                return q.value();
            }
            if (a instanceof FormParam f) {
                return f.value();
            }
        }
        return "Parameter";
    }
}
