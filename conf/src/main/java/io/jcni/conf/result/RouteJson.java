package io.jcni.conf.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcni.conf.CniException;
import io.jcni.conf.CniVersion;
import io.jcni.conf.FieldReader;
import io.jcni.conf.Json;

/** One route object, in results of every version (and in IPAM configs' {@code routes}). */
public final class RouteJson {
    private RouteJson() {
    }

    public static Route read(JsonNode node, FieldReader reader, String path) throws CniException {
        ObjectNode o = reader.object(node, path);
        return new Route(reader.requiredPrefix(o, path, "dst"),
                reader.optAddress(o, path, "gw").orElse(null),
                reader.optInt(o, path, "mtu").orElse(null),
                reader.optInt(o, path, "advmss").orElse(null),
                reader.optInt(o, path, "priority").orElse(null),
                reader.optInt(o, path, "table").orElse(null),
                reader.optInt(o, path, "scope").orElse(null));
    }

    /**
     * Go's field order. The 1.1.0 attributes are dropped for older versions; {@code mtu},
     * {@code advmss} and {@code priority} are omitted at 0 like Go's {@code omitempty} ints, while
     * {@code table} and {@code scope} are pointers in Go and so appear even at 0.
     */
    public static ObjectNode write(Route r, CniVersion v) {
        ObjectNode out = Json.object();
        out.put("dst", r.dst().toString());
        if (r.gw() != null) {
            out.put("gw", IpText.format(r.gw()));
        }
        if (v.atLeast(CniVersion.V1_1_0)) {
            putNonZero(out, "mtu", r.mtu());
            putNonZero(out, "advmss", r.advmss());
            putNonZero(out, "priority", r.priority());
            if (r.table() != null) {
                out.put("table", r.table());
            }
            if (r.scope() != null) {
                out.put("scope", r.scope());
            }
        }
        return out;
    }

    private static void putNonZero(ObjectNode out, String key, Integer value) {
        if (value != null && value != 0) {
            out.put(key, value);
        }
    }
}
