package io.jcni.manager.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcni.conf.Json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * JSON as libcni writes it after a round trip through a Go map: every object's keys in sorted
 * order (Go's encoding/json sorts map keys), so jcni's cache files and configs match libcni's bytes.
 */
final class GoJson {
    private GoJson() {
    }

    /** A copy of {@code node} with the keys of every object sorted. */
    static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = Json.object();
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            Collections.sort(keys);
            for (String k : keys) {
                out.set(k, sorted(node.get(k)));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = Json.mapper().createArrayNode();
            node.forEach(e -> out.add(sorted(e)));
            return out;
        }
        return node.deepCopy();
    }
}
