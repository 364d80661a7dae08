package io.learnhub.common.error;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * Says what is wrong with a request body Jackson could not read, for the frontend developer who
 * sent it: which field, and what it should have been. Only what the client sent and what the API
 * documents is said (field names, the allowed values of an enum, the expected JSON type), never
 * Jackson's own message, which names Java classes and source positions.
 */
final class JsonInputProblems {

    static final String NOT_JSON = "The request body is not valid JSON for this endpoint";
    /** A quoted client value is cut here: enough to recognise it, not an echo of a megabyte. */
    private static final int MAX_QUOTED = 64;
    private static final Map<Class<?>, String> EXPECTED = Map.of(
            String.class, "a string",
            UUID.class, "a UUID such as c0ffee00-0000-4000-8000-000000000001",
            Integer.class, "an integer", int.class, "an integer",
            Long.class, "an integer", long.class, "an integer",
            Boolean.class, "true or false", boolean.class, "true or false");

    private JsonInputProblems() {
    }

    static String describe(JsonProcessingException exception) {
        if (!(exception instanceof MismatchedInputException mismatch) || mismatch.getTargetType() == null) {
            return NOT_JSON;
        }
        String field = field(mismatch);
        Class<?> target = mismatch.getTargetType();
        if (mismatch instanceof InvalidFormatException invalid && target.isEnum()) {
            return "Unknown value '" + quoted(invalid.getValue()) + "' for field '" + field + "'; expected one of "
                    + Arrays.stream(target.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
        }
        String expected = expected(target);
        if (field.isEmpty()) {
            return "The request body must be " + expected;
        }
        if (mismatch instanceof InvalidFormatException invalid) {
            return "Invalid value '" + quoted(invalid.getValue()) + "' for field '" + field + "': expected " + expected;
        }
        return "Field '" + field + "' must be " + expected;
    }

    /** {@code memberIds[2]}, {@code address.city}: the path Jackson was reading. */
    private static String field(JsonMappingException exception) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : exception.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expected(Class<?> target) {
        String known = EXPECTED.get(target);
        if (known != null) {
            return known;
        }
        if (target.isEnum()) {
            return "one of " + Arrays.stream(target.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
        }
        if (target.isArray() || Collection.class.isAssignableFrom(target)) {
            return "a JSON array";
        }
        if (Number.class.isAssignableFrom(target)) {
            return "a number";
        }
        return "a JSON object";
    }

    private static String quoted(Object value) {
        String text = String.valueOf(value);
        return text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "…";
    }
}
