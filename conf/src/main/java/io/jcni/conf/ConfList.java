package io.jcni.conf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcni.conf.result.Result;
import io.jcni.conf.result.ResultCodec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A network config list ({@code .conflist}): the runtime's view of a network, a chain of plugins.
 * It builds each plugin's single config the way a runtime does, with the list's {@code name} and
 * {@code cniVersion} (and the previous plugin's result) filled in.
 */
public final class ConfList {
    private static final FieldReader READER = new FieldReader(ErrorCode.INVALID_NETWORK_CONFIG);

    private final ObjectNode raw;
    private final String name;
    private final CniVersion cniVersion;
    private final boolean disableCheck;
    private final boolean disableGC;
    private final List<ObjectNode> plugins;

    private ConfList(ObjectNode raw) throws CniException {
        this.raw = raw;
        this.name = READER.requiredString(raw, "", "name");
        Optional<String> badName = Identifiers.checkNetworkName(name);
        if (badName.isPresent()) {
            throw READER.error("name", badName.get());
        }
        this.cniVersion = pickVersion(raw);
        this.disableCheck = flag(raw, "disableCheck");
        this.disableGC = flag(raw, "disableGC");
        List<JsonNode> items = READER.optArray(raw, "", "plugins");
        if (items.isEmpty()) {
            throw READER.error("plugins", raw.hasNonNull("plugins") ? "must not be empty" : "missing");
        }
        List<ObjectNode> ps = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String p = FieldReader.index("plugins", i);
            ObjectNode o = READER.object(items.get(i), p);
            READER.requiredString(o, p, "type");
            ps.add(o);
        }
        this.plugins = List.copyOf(ps);
    }

    /** Parses a conflist file's bytes: code 6 for undecodable JSON, 7 for an invalid list, 1 for no usable version. */
    public static ConfList parse(byte[] bytes) throws CniException {
        return new ConfList(Json.readObject(bytes, "network config list").deepCopy());
    }

    /**
     * {@code cniVersions} (1.1.0) wins when it lists a version jcni speaks: the highest such.
     * Otherwise {@code cniVersion} decides, as libcni does.
     */
    private static CniVersion pickVersion(ObjectNode raw) throws CniException {
        List<String> listed = READER.optStringList(raw, "", "cniVersions");
        CniVersion best = null;
        for (String s : listed) {
            for (CniVersion v : CniVersion.values()) {
                if (v.text().equals(s) && (best == null || v.compareTo(best) > 0)) {
                    best = v;
                }
            }
        }
        if (best != null) {
            return best;
        }
        Optional<String> single = READER.optString(raw, "", "cniVersion");
        if (single.isPresent() && !single.get().isEmpty()) {
            return CniVersion.parse(single.get(), "cniVersion");
        }
        if (!listed.isEmpty()) {
            throw new CniException(ErrorCode.INCOMPATIBLE_VERSION,
                    "cniVersions: none of " + listed + " is supported", "supported versions: " + CniVersion.texts());
        }
        throw READER.error("cniVersion", "missing (and no cniVersions)");
    }

    // libcni also accepts "true"/"false" as strings here.
    private static boolean flag(ObjectNode raw, String key) throws CniException {
        Optional<JsonNode> n = READER.opt(raw, key);
        if (n.isEmpty()) {
            return false;
        }
        if (n.get().isBoolean()) {
            return n.get().booleanValue();
        }
        if (n.get().isTextual() && (n.get().textValue().equalsIgnoreCase("true")
                || n.get().textValue().equalsIgnoreCase("false"))) {
            return n.get().textValue().equalsIgnoreCase("true");
        }
        throw READER.mismatch(key, "a boolean", n.get());
    }

    public String name() {
        return name;
    }

    /** The version the runtime speaks to every plugin of the list. */
    public CniVersion cniVersion() {
        return cniVersion;
    }

    public boolean disableCheck() {
        return disableCheck;
    }

    public boolean disableGC() {
        return disableGC;
    }

    /** The plugin entries as written in the list (copies). */
    public List<ObjectNode> plugins() {
        return plugins.stream().map(ObjectNode::deepCopy).toList();
    }

    public ObjectNode raw() {
        return raw.deepCopy();
    }

    /**
     * Plugin {@code index}'s single config: its entry with {@code name} and {@code cniVersion}
     * from the list and, when given, {@code prevResult} written in that version (code 1 when the
     * version cannot express it).
     */
    public ObjectNode pluginConfigJson(int index, Optional<Result> prevResult) throws CniException {
        ObjectNode out = Json.object();
        out.put("cniVersion", cniVersion.text());
        out.put("name", name);
        plugins.get(index).properties().forEach(e -> {
            if (!e.getKey().equals("cniVersion") && !e.getKey().equals("name")) {
                out.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        if (prevResult.isPresent()) {
            out.set("prevResult", ResultCodec.toJson(prevResult.get(), cniVersion));
        } else {
            out.remove("prevResult");
        }
        return out;
    }

    public byte[] pluginConfig(int index, Optional<Result> prevResult) throws CniException {
        return Json.compact(pluginConfigJson(index, prevResult));
    }
}
