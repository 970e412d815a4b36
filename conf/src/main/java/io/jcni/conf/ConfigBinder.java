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
            String path = pathOf(e);
            String expected = expected(e);
            JsonNode got = at(config, e);
            String msg = expected == null ? e.getOriginalMessage()
                    : "expected " + expected + ", got " + FieldReader.kind(got);
            if (e instanceof InvalidFormatException && e.getTargetType() != null
                    && !isPlainScalar(e.getTargetType())) {
                msg = "invalid value " + FieldReader.kind(got) + ": " + e.getOriginalMessage();
            }
            throw new CniException(ErrorCode.INVALID_NETWORK_CONFIG, path + ": " + msg, "", e);
        } catch (JsonMappingException e) {
            // e.g. a record constructor rejecting a value: its message says why
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String why = cause == e ? e.getOriginalMessage() : cause.getMessage();
            throw new CniException(ErrorCode.INVALID_NETWORK_CONFIG, pathOf(e) + ": " + why, "", e);
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
        return sb.isEmpty() ? "network config" : sb.toString();
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

    private static boolean isPlainScalar(Class<?> t) {
        return expected(t) != null && !t.isEnum();
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
