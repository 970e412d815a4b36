package io.jcni.plugin.tuning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcni.conf.CniArgs;
import io.jcni.conf.CniException;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.FieldReader;
import io.jcni.conf.Json;
import io.jcni.conf.NetworkConfig;
import io.jcni.netlink.MacAddress;
import io.jcni.plugin.kernel.MacOption;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tuning plugin's options, as the reference reads them: the config's keys, then
 * {@code CNI_ARGS MAC}, then {@code runtimeConfig.mac} (the {@code mac} capability), then
 * {@code args.cni} (its {@code sysctl} entries added to the config's), each later source winning.
 *
 * @param sysctl   keys (as written) and values to set in the pod's namespace, in config order
 * @param mac      the MAC to give the interface, with the text the result reports
 * @param promisc  turn promiscuous mode on (false leaves it as it is)
 * @param mtu      the MTU to set; 0 leaves it
 * @param txQLen   the transmit queue length to set
 * @param allmulti all-multicast mode on or off
 * @param dataDir  where the backups of changed interface settings live
 */
record TuningConfig(Map<String, String> sysctl, Optional<MacText> mac, boolean promisc, int mtu,
                    Optional<Integer> txQLen, Optional<Boolean> allmulti, Path dataDir) {
    static final Path DEFAULT_DATA_DIR = Path.of("/run/cni/tuning");
    private static final FieldReader READER = new FieldReader(ErrorCode.INVALID_NETWORK_CONFIG);

    /** A MAC with the text it was given as: the reference puts that text in the result. */
    record MacText(MacAddress address, String text) {
    }

    /** Whether an interface setting (not only sysctls) is asked for: those are backed up and restored. */
    boolean changesLink() {
        return mac.isPresent() || promisc || mtu != 0 || txQLen.isPresent() || allmulti.isPresent();
    }

    static TuningConfig of(NetworkConfig conf, CniArgs args) throws CniException {
        args.requireKnown(Set.of("MAC"));
        ObjectNode j = conf.raw();
        Map<String, String> sysctl = sysctls(j, "");
        Optional<MacText> mac = mac(READER.optString(j, "", "mac"), "mac");
        boolean promisc = READER.optBoolean(j, "", "promisc").orElse(false);
        int mtu = READER.optInt(j, "", "mtu").orElse(0);
        Optional<Integer> txQLen = READER.optInt(j, "", "txQLen");
        Optional<Boolean> allmulti = READER.optBoolean(j, "", "allmulti");
        Path dataDir = dataDir(READER.optString(j, "", "dataDir"));

        Optional<String> envMac = args.get("MAC").filter(s -> !s.isEmpty());
        if (envMac.isPresent()) {
            mac = Optional.of(new MacText(MacOption.parse(envMac.get(), "CNI_ARGS MAC", ErrorCode.INVALID_ENVIRONMENT),
                    envMac.get()));
        }
        Optional<ObjectNode> runtime = READER.optObject(j, "", "runtimeConfig");
        if (runtime.isPresent()) {
            mac = winner(mac(READER.optString(runtime.get(), "runtimeConfig", "mac"), "runtimeConfig.mac"), mac);
        }
        Optional<ObjectNode> argsObj = READER.optObject(j, "", "args");
        Optional<ObjectNode> cni = argsObj.isEmpty() ? Optional.empty() : READER.optObject(argsObj.get(), "args", "cni");
        if (cni.isPresent()) {
            ObjectNode c = cni.get();
            sysctl.putAll(sysctls(c, "args.cni"));
            mac = winner(mac(READER.optString(c, "args.cni", "mac"), "args.cni.mac"), mac);
            promisc = READER.optBoolean(c, "args.cni", "promisc").orElse(promisc);
            mtu = READER.optInt(c, "args.cni", "mtu").orElse(mtu);
            txQLen = winner(READER.optInt(c, "args.cni", "txQLen"), txQLen);
            allmulti = winner(READER.optBoolean(c, "args.cni", "allmulti"), allmulti);
        }
        if (mtu < 0) {
            throw READER.error("mtu", "must not be negative, got " + mtu);
        }
        if (txQLen.isPresent() && txQLen.get() < 0) {
            throw READER.error("txQLen", "must not be negative, got " + txQLen.get());
        }
        return new TuningConfig(sysctl, mac, promisc, mtu, txQLen, allmulti, dataDir);
    }

    /** The later source's value when it has one, else the earlier one's. */
    private static <T> Optional<T> winner(Optional<T> later, Optional<T> earlier) {
        return later.isPresent() ? later : earlier;
    }

    private static Optional<MacText> mac(Optional<String> text, String field) throws CniException {
        if (text.isEmpty() || text.get().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MacText(MacOption.parse(text.get(), field, ErrorCode.INVALID_NETWORK_CONFIG), text.get()));
    }

    private static Map<String, String> sysctls(ObjectNode parent, String parentPath) throws CniException {
        Map<String, String> out = new LinkedHashMap<>();
        Optional<ObjectNode> o = READER.optObject(parent, parentPath, "sysctl");
        if (o.isEmpty()) {
            return out;
        }
        String path = FieldReader.path(parentPath, "sysctl");
        for (Map.Entry<String, JsonNode> e : o.get().properties()) {
            if (!e.getValue().isTextual()) {
                throw READER.mismatch(FieldReader.path(path, e.getKey()), "a string", e.getValue());
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    /** Where the backups live, read alone: DEL and GC need nothing else. */
    static Path dataDir(NetworkConfig conf) throws CniException {
        return dataDir(READER.optString(conf.raw(), "", "dataDir"));
    }

    private static Path dataDir(Optional<String> text) throws CniException {
        if (text.isEmpty() || text.get().isEmpty()) {
            return DEFAULT_DATA_DIR;
        }
        Path dir;
        try {
            dir = Path.of(text.get());
        } catch (InvalidPathException e) {
            throw READER.error("dataDir", "invalid path: " + e.getReason());
        }
        // A relative path would follow the caller's working directory (the daemon's, one-shot's).
        if (!dir.isAbsolute()) {
            throw READER.error("dataDir", "\"" + text.get() + "\" must be an absolute path");
        }
        return dir;
    }
}
