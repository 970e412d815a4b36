package io.jcni.conf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcni.conf.result.IpPrefix;
import io.jcni.conf.result.IpText;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Typed access to fields of a JSON tree, where every failure is a {@link CniException} with the
 * reader's code and a message that starts with the field's path ({@code ips[0].address: ...}).
 * A JSON {@code null} counts as absent, as it does for Go's decoder.
 */
public final class FieldReader {
    private final ErrorCode code;

    public FieldReader(ErrorCode code) {
        this.code = code;
    }

    /** The path of {@code key} inside {@code parent}; an empty parent is the top level. */
    public static String path(String parent, String key) {
        return parent == null || parent.isEmpty() ? key : parent + "." + key;
    }

    public static String index(String parent, int i) {
        return parent + "[" + i + "]";
    }

    public CniException error(String path, String problem) {
        return new CniException(code, path + ": " + problem);
    }

    public ObjectNode object(JsonNode node, String path) throws CniException {
        if (node == null || !node.isObject()) {
            throw mismatch(path, "an object", node);
        }
        return (ObjectNode) node;
    }

    public Optional<JsonNode> opt(ObjectNode parent, String key) {
        JsonNode n = parent.get(key);
        return n == null || n.isNull() ? Optional.empty() : Optional.of(n);
    }

    public Optional<String> optString(ObjectNode parent, String parentPath, String key) throws CniException {
        Optional<JsonNode> n = opt(parent, key);
        if (n.isEmpty()) {
            return Optional.empty();
        }
        if (!n.get().isTextual()) {
            throw mismatch(path(parentPath, key), "a string", n.get());
        }
        return Optional.of(n.get().textValue());
    }

    /** A string that must be present and non-empty. */
    public String requiredString(ObjectNode parent, String parentPath, String key) throws CniException {
        String s = optString(parent, parentPath, key)
                .orElseThrow(() -> error(path(parentPath, key), "missing"));
        if (s.isEmpty()) {
            throw error(path(parentPath, key), "must not be empty");
        }
        return s;
    }

    public Optional<Boolean> optBoolean(ObjectNode parent, String parentPath, String key) throws CniException {
        Optional<JsonNode> n = opt(parent, key);
        if (n.isPresent() && !n.get().isBoolean()) {
            throw mismatch(path(parentPath, key), "a boolean", n.get());
        }
        return n.map(JsonNode::booleanValue);
    }

    public Optional<Integer> optInt(ObjectNode parent, String parentPath, String key) throws CniException {
        Optional<JsonNode> n = opt(parent, key);
        if (n.isPresent() && !(n.get().isIntegralNumber() && n.get().canConvertToInt())) {
            throw mismatch(path(parentPath, key), "an integer", n.get());
        }
        return n.map(JsonNode::intValue);
    }

    public Optional<ObjectNode> optObject(ObjectNode parent, String parentPath, String key) throws CniException {
        Optional<JsonNode> n = opt(parent, key);
        if (n.isPresent()) {
            return Optional.of(object(n.get(), path(parentPath, key)));
        }
        return Optional.empty();
    }

    /** The elements of an array field; empty when absent. */
    public List<JsonNode> optArray(ObjectNode parent, String parentPath, String key) throws CniException {
        Optional<JsonNode> n = opt(parent, key);
        if (n.isEmpty()) {
            return List.of();
        }
        if (!n.get().isArray()) {
            throw mismatch(path(parentPath, key), "an array", n.get());
        }
        List<JsonNode> out = new ArrayList<>();
        n.get().forEach(out::add);
        return out;
    }

    public List<String> optStringList(ObjectNode parent, String parentPath, String key) throws CniException {
        List<JsonNode> items = optArray(parent, parentPath, key);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (!items.get(i).isTextual()) {
                throw mismatch(index(path(parentPath, key), i), "a string", items.get(i));
            }
            out.add(items.get(i).textValue());
        }
        return out;
    }

    public Optional<InetAddress> optAddress(ObjectNode parent, String parentPath, String key) throws CniException {
        Optional<String> s = optString(parent, parentPath, key);
        if (s.isEmpty() || s.get().isEmpty()) {
            return Optional.empty(); // Go writes an absent gateway as omitted, some tools as ""
        }
        try {
            return Optional.of(IpText.parse(s.get()));
        } catch (IllegalArgumentException e) {
            throw error(path(parentPath, key), e.getMessage());
        }
    }

    public IpPrefix requiredPrefix(ObjectNode parent, String parentPath, String key) throws CniException {
        String s = requiredString(parent, parentPath, key);
        try {
            return IpPrefix.parse(s);
        } catch (IllegalArgumentException e) {
            throw error(path(parentPath, key), e.getMessage());
        }
    }

    public CniException mismatch(String path, String expected, JsonNode got) {
        return error(path, "expected " + expected + ", got " + kind(got));
    }

    /** How a value is named in messages: the value itself when short, else its JSON kind. */
    public static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        String text = node.toString();
        return text.length() > 40 ? text.substring(0, 37) + "..." : text;
    }
}
