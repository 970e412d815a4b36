package io.jcni.conf;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * Binds a config onto a plugin's own config type with the shared mapper. Jackson's failures become
 * code 7 messages that name the JSON path and say what was expected ({@code mtu: expected an
 * integer, got "big"}), since that is all a user editing the config file needs.
 */
final class ConfigBinder {
    private ConfigBinder() {
    }

    static <T> T bind(ObjectNode config, Class<T> type) throws CniException {
        try {
            return Json.mapper().treeToValue(config, type);
        } catch (MismatchedInputException e) {
            String path = pathOf(e).isEmpty() ? "network config" : pathOf(e);
            throw new CniException(ErrorCode.INVALID_NETWORK_CONFIG, path + ": " + mismatch(config, e), "", e);
        } catch (JsonMappingException e) {
            // e.g. a record constructor rejecting a value: its message says why (and names the
            // field, since only the constructor knows which one)
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String why = cause == e ? e.getOriginalMessage() : cause.getMessage();
            String path = pathOf(e);
            throw new CniException(ErrorCode.INVALID_NETWORK_CONFIG, path.isEmpty() ? why : path + ": " + why, "", e);
        } catch (IllegalArgumentException e) {
            throw new CniException(ErrorCode.INVALID_NETWORK_CONFIG, "network config: " + e.getMessage(), "", e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CniException(ErrorCode.INVALID_NETWORK_CONFIG, "network config: " + e.getOriginalMessage(), "", e);
        }
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static JsonNode at(ObjectNode root, JsonMappingException e) {
        JsonNode n = root;
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (n == null) {
                return null;
            }
            n = ref.getFieldName() != null ? n.get(ref.getFieldName()) : n.get(ref.getIndex());
        }
        return n;
    }

    /**
     * A value of the wrong JSON type says what was expected; a value of the right type that does
     * not parse (an enum constant, an IP literal) says why it is invalid.
     */
    private static String mismatch(ObjectNode config, MismatchedInputException e) {
        JsonNode got = at(config, e);
        Class<?> target = e.getTargetType();
        if (target != null && target.isEnum()) {
            return "invalid value " + FieldReader.kind(got) + ": expected one of "
                    + java.util.Arrays.toString(target.getEnumConstants());
        }
        String expected = expected(e);
        boolean scalar = expected != null && !expected.equals("an object") && !expected.equals("an array");
        if (e instanceof InvalidFormatException && !scalar) {
            return "invalid value " + FieldReader.kind(got) + ": " + e.getOriginalMessage();
        }
        return expected == null ? e.getOriginalMessage() : "expected " + expected + ", got " + FieldReader.kind(got);
    }

    private static String expected(MismatchedInputException e) {
        Class<?> t = e.getTargetType();
        return t == null ? null : expected(t);
    }

    private static String expected(Class<?> t) {
        if (t == int.class || t == long.class || t == short.class || t == byte.class || t == Integer.class
                || t == Long.class || t == Short.class || t == Byte.class || t == BigInteger.class) {
            return "an integer";
        }
        if (t == double.class || t == float.class || t == Double.class || t == Float.class || t == BigDecimal.class) {
            return "a number";
        }
        if (t == boolean.class || t == Boolean.class) {
            return "a boolean";
        }
        if (t == String.class || t.isEnum()) {
            return "a string";
        }
        if (t.isArray() || Collection.class.isAssignableFrom(t)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(t) || t.isRecord() || JsonNode.class.isAssignableFrom(t)) {
            return "an object";
        }
        return null;
    }
}
