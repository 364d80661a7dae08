package io.learnhub.deploychecks;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import com.google.gson.annotations.SerializedName;

import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.custom.Quantity;

/**
 * The JSON type of every value of a built-in object, against the Java type the API model gives its
 * field, with the API server's rules: its Go decoder converts nothing, so {@code args: [8]} or a
 * label {@code tier: 1} make {@code kubectl apply} fail ("cannot unmarshal number into Go struct
 * field ... of type string").
 *
 * <p>Why {@link KubernetesModel#strict} alone let such values through: the generated
 * {@code validateJsonElement} only asks "is it a primitive?" of a string field and "is it an
 * array?" of a list, and never looks at list items or map values; Gson's binding then converts
 * instead of refusing. Its String adapter reads a number or a boolean as text ({@code 8} becomes
 * "8", in a field, a list item or a map value alike), its Integer adapter parses a numeric string
 * and truncates 1.5, its Boolean adapter turns any string into a boolean ("yes" is false). So
 * only values Gson cannot convert at all ({@code containerPort: http}) were reported. This walk
 * follows the model's declared generic types down every field, list item and map value instead.
 *
 * <p>Accepted as the API server accepts them: IntOrString is an integer or a string (ports,
 * maxSurge, targetPort); a Quantity is a string or a number ({@code cpu: 1}, {@code cpu: 10m}),
 * and must parse; an integral float ({@code replicas: 1.0}) is an integer, since kubectl sends it
 * as 1; null leaves the field unset; a field the model types as Object is free-form (the
 * equivalent of x-kubernetes-preserve-unknown-fields) and is not looked into. Unknown fields are
 * left to validateJsonElement.
 */
final class KubernetesTypes {

    private static final String MODEL_PACKAGE = "io.kubernetes.client.openapi.models";

    private static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
    private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    /** JSON name -> declared generic type, per model class. */
    private static final Map<Class<?>, Map<String, Type>> FIELDS = new ConcurrentHashMap<>();

    private KubernetesTypes() {
    }

    /** "path: what is wrong" for every mistyped value under {@code json}, read as an instance of {@code model}. */
    static List<String> problems(Class<?> model, JsonElement json, String root) {
        List<String> problems = new ArrayList<>();
        check(model, json, root, problems);
        return problems;
    }

    private static void check(Type type, JsonElement value, String path, List<String> problems) {
        if (value == null || value.isJsonNull()) {
            return;
        }
        Class<?> raw = raw(type);
        if (raw == Object.class) {
            return;
        }
        if (List.class.isAssignableFrom(raw)) {
            if (!value.isJsonArray()) {
                problems.add(path + ": a list is required, found " + describe(value));
                return;
            }
            Type item = argument(type, 0, path);
            JsonArray array = value.getAsJsonArray();
            for (int i = 0; i < array.size(); i++) {
                check(item, array.get(i), path + "[" + i + "]", problems);
            }
        } else if (Map.class.isAssignableFrom(raw)) {
            if (!value.isJsonObject()) {
                problems.add(path + ": a map is required, found " + describe(value));
                return;
            }
            Type entry = argument(type, 1, path);
            value.getAsJsonObject().entrySet()
                    .forEach(e -> check(entry, e.getValue(), path + "[" + e.getKey() + "]", problems));
        } else if (raw.getPackageName().equals(MODEL_PACKAGE)) {
            if (!value.isJsonObject()) {
                problems.add(path + ": an object (" + raw.getSimpleName() + ") is required, found " + describe(value));
                return;
            }
            Map<String, Type> fields = fields(raw);
            value.getAsJsonObject().entrySet().forEach(e -> {
                Type field = fields.get(e.getKey());
                if (field != null) {
                    check(field, e.getValue(), join(path, e.getKey()), problems);
                }
            });
        } else {
            scalar(raw, value, path).ifPresent(problems::add);
        }
    }

    private static Optional<String> scalar(Class<?> type, JsonElement value, String path) {
        JsonPrimitive primitive = value.isJsonPrimitive() ? value.getAsJsonPrimitive() : null;
        boolean string = primitive != null && primitive.isString();
        boolean number = primitive != null && primitive.isNumber();
        String problem = null;
        if (type == String.class || type == OffsetDateTime.class) {
            if (!string) {
                problem = "a string is required, found " + describe(value)
                        + (primitive != null ? " (quote it: \"" + primitive.getAsString() + "\")" : "");
            }
        } else if (type == Boolean.class) {
            if (primitive == null || !primitive.isBoolean()) {
                problem = "a boolean (true/false, unquoted) is required, found " + describe(value);
            }
        } else if (type == Integer.class) {
            problem = integer(value, INT_MIN, INT_MAX, "a 32-bit integer");
        } else if (type == Long.class) {
            problem = integer(value, LONG_MIN, LONG_MAX, "a 64-bit integer");
        } else if (type == Double.class || type == Float.class) {
            if (!number) {
                problem = "a number is required, found " + describe(value);
            }
        } else if (type == IntOrString.class) {
            if (!string) {
                problem = integer(value, INT_MIN, INT_MAX, "an integer or a string");
            }
        } else if (type == Quantity.class) {
            problem = quantity(primitive, string || number, value);
        } else if (type == byte[].class) {
            problem = base64(primitive, string, value);
        } else {
            throw new IllegalStateException(path + ": no type rule for " + type.getName()
                    + " (a new type in the Kubernetes model: add its rule here)");
        }
        return Optional.ofNullable(problem).map(p -> path + ": " + p);
    }

    private static String integer(JsonElement value, BigDecimal min, BigDecimal max, String required) {
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
            return required + " is required, found " + describe(value);
        }
        BigDecimal number;
        try {
            number = value.getAsBigDecimal();
        } catch (NumberFormatException e) {
            return required + " is required, found " + describe(value);
        }
        if (number.signum() != 0 && number.stripTrailingZeros().scale() > 0) {
            return required + " is required, found the fraction " + value.getAsString();
        }
        if (number.compareTo(min) < 0 || number.compareTo(max) > 0) {
            return required + " is required, " + value.getAsString() + " is out of range";
        }
        return null;
    }

    private static String quantity(JsonPrimitive primitive, boolean stringOrNumber, JsonElement value) {
        if (!stringOrNumber) {
            return "a quantity (e.g. 100m, 1Gi, 2) is required, found " + describe(value);
        }
        try {
            Quantity.fromString(primitive.getAsString());
            return null;
        } catch (RuntimeException e) {
            return "'" + primitive.getAsString() + "' is not a quantity (" + e.getMessage() + ")";
        }
    }

    /** Go decodes []byte with base64.StdEncoding: padding required, line breaks ignored. */
    private static String base64(JsonPrimitive primitive, boolean string, JsonElement value) {
        if (!string) {
            return "a base64 string is required, found " + describe(value);
        }
        String text = primitive.getAsString().replace("\r", "").replace("\n", "");
        try {
            if (text.length() % 4 != 0) {
                throw new IllegalArgumentException("length " + text.length() + " is not a multiple of 4");
            }
            Base64.getDecoder().decode(text);
            return null;
        } catch (IllegalArgumentException e) {
            return "not base64 (" + e.getMessage() + "); use stringData for plain text";
        }
    }

    private static String describe(JsonElement value) {
        if (value.isJsonArray()) {
            return "a list";
        }
        if (value.isJsonObject()) {
            return "a map";
        }
        JsonPrimitive primitive = value.getAsJsonPrimitive();
        if (primitive.isBoolean()) {
            return "the boolean " + primitive.getAsBoolean();
        }
        if (primitive.isNumber()) {
            return "the number " + primitive.getAsString();
        }
        return "the string \"" + primitive.getAsString() + "\"";
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalStateException("unsupported type " + type);
    }

    private static Type argument(Type type, int index, String path) {
        if (type instanceof ParameterizedType p) {
            return p.getActualTypeArguments()[index];
        }
        throw new IllegalStateException(path + ": raw collection type " + type);
    }

    private static Map<String, Type> fields(Class<?> model) {
        return FIELDS.computeIfAbsent(model, m -> {
            Map<String, Type> byName = new HashMap<>();
            for (Field field : m.getDeclaredFields()) {
                SerializedName name = field.getAnnotation(SerializedName.class);
                if (name != null && !Modifier.isStatic(field.getModifiers())) {
                    byName.put(name.value(), field.getGenericType());
                }
            }
            if (byName.isEmpty()) {
                throw new IllegalStateException(m + " has no @SerializedName fields: not a generated model?");
            }
            return byName;
        });
    }
}
