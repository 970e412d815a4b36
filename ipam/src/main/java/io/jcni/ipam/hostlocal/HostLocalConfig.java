package io.jcni.ipam.hostlocal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcni.conf.CniException;
import io.jcni.conf.CniVersion;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.FieldReader;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.result.Route;
import io.jcni.conf.result.RouteJson;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code ipam} section of a host-local config, checked: range sets (the legacy top-level
 * {@code subnet}, {@code rangeStart}, {@code rangeEnd}, {@code gateway} become the first set, as in
 * the reference), routes, the store directory and the resolv.conf to report. Every problem is code 7
 * naming the field.
 */
public record HostLocalConfig(String network, CniVersion version, List<RangeSet> rangeSets, List<Route> routes,
                              Path dataDir, Optional<Path> resolvConf) {
    private static final FieldReader READER = new FieldReader(ErrorCode.INVALID_NETWORK_CONFIG);
    private static final String IPAM = "ipam";

    public HostLocalConfig {
        rangeSets = List.copyOf(rangeSets);
        routes = List.copyOf(routes);
    }

    public static HostLocalConfig of(NetworkConfig conf) throws CniException {
        ObjectNode ipam = conf.ipam().orElseThrow(() -> READER.error(IPAM, "missing"));
        List<RangeSet> sets = new ArrayList<>();
        Optional<String> legacySubnet = READER.optString(ipam, IPAM, "subnet");
        if (legacySubnet.isPresent()) {
            sets.add(RangeSet.of(List.of(range(ipam, IPAM)), IPAM));
        }
        String rangesPath = FieldReader.path(IPAM, "ranges");
        List<JsonNode> ranges = READER.optArray(ipam, IPAM, "ranges");
        for (int i = 0; i < ranges.size(); i++) {
            String setPath = FieldReader.index(rangesPath, i);
            if (!ranges.get(i).isArray()) {
                throw READER.mismatch(setPath, "an array of ranges", ranges.get(i));
            }
            List<AddressRange> set = new ArrayList<>();
            for (int j = 0; j < ranges.get(i).size(); j++) {
                String p = FieldReader.index(setPath, j);
                set.add(range(READER.object(ranges.get(i).get(j), p), p));
            }
            sets.add(RangeSet.of(set, setPath));
        }
        if (sets.isEmpty()) {
            throw READER.error(rangesPath, "no IP ranges specified (nor a top-level ipam.subnet)");
        }
        checkSets(sets, conf.cniVersion(), rangesPath, legacySubnet.isPresent());
        List<Route> routes = new ArrayList<>();
        List<JsonNode> routeNodes = READER.optArray(ipam, IPAM, "routes");
        for (int i = 0; i < routeNodes.size(); i++) {
            routes.add(RouteJson.read(routeNodes.get(i), READER, FieldReader.index(FieldReader.path(IPAM, "routes"), i)));
        }
        Path dataDir = HostLocalStore.dataDir(READER.optString(ipam, IPAM, "dataDir").orElse(null));
        Optional<Path> resolvConf = READER.optString(ipam, IPAM, "resolvConf").filter(s -> !s.isEmpty()).map(Path::of);
        return new HostLocalConfig(conf.name(), conf.cniVersion(), sets, routes, dataDir, resolvConf);
    }

    private static AddressRange range(ObjectNode o, String path) throws CniException {
        return AddressRange.of(READER.requiredPrefix(o, path, "subnet"),
                READER.optAddress(o, path, "rangeStart").orElse(null),
                READER.optAddress(o, path, "rangeEnd").orElse(null),
                READER.optAddress(o, path, "gateway").orElse(null), path);
    }

    // Sets must not share addresses; before 0.3.0 a result holds one address per family.
    private static void checkSets(List<RangeSet> sets, CniVersion version, String path, boolean legacyFirst)
            throws CniException {
        int v4 = 0;
        int v6 = 0;
        for (int i = 0; i < sets.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (sets.get(i).overlaps(sets.get(j))) {
                    throw READER.error(name(path, i, legacyFirst), "range set " + sets.get(i) + " overlaps "
                            + name(path, j, legacyFirst) + " " + sets.get(j));
                }
            }
            if (sets.get(i).isIpv4()) {
                v4++;
            } else {
                v6++;
            }
        }
        if (!version.atLeast(CniVersion.V0_3_0) && (v4 > 1 || v6 > 1)) {
            throw READER.error(path, "CNI version " + version + " allows one address per family, but "
                    + v4 + " IPv4 and " + v6 + " IPv6 range sets are configured");
        }
    }

    private static String name(String path, int i, boolean legacyFirst) {
        if (legacyFirst) {
            return i == 0 ? "ipam.subnet" : FieldReader.index(path, i - 1);
        }
        return FieldReader.index(path, i);
    }

    /** The network's store and range sets, ready for the host-local operations. */
    public HostLocalNetwork open() throws CniException {
        return new HostLocalNetwork(network, rangeSets, HostLocalStore.of(dataDir, network));
    }
}
