package io.jcni.plugin.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcni.plugin.bridge.firewall.MasqueradeBackend;
import io.jcni.conf.CniArgs;
import io.jcni.conf.CniException;
import io.jcni.conf.CniVersion;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.FieldReader;
import io.jcni.conf.Identifiers;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.result.Dns;
import io.jcni.conf.result.IpPrefix;
import io.jcni.netlink.MacAddress;
import io.jcni.plugin.kernel.MacOption;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The bridge plugin's config, validated: every option of the reference bridge plugin with its
 * default. Invalid values are code 7 naming the option (code 4 for {@code CNI_ARGS MAC}, an
 * environment variable).
 *
 * @param network                   the network name
 * @param cniVersion                the version results are written in
 * @param bridge                    bridge link name, default {@code cni0}
 * @param isGateway                 put the IPAM gateway on the bridge (also when isDefaultGateway)
 * @param isDefaultGateway          add a default route through the gateway in the pod
 * @param forceAddress              replace a different address of the same family on the bridge
 * @param ipMasq                    masquerade pod traffic leaving its subnet
 * @param ipMasqBackend             the masquerade backend; empty means the reference's default
 * @param ipMasqExcludeCidrs        destinations never masqueraded besides the pod's subnet (jcni's
 *                                  addition: a cluster's pod CIDRs, so pods keep their source across nodes)
 * @param mtu                       MTU of the bridge and veth pair; 0 keeps the kernel's default
 * @param hairpinMode               let a pod's traffic come back through its own port
 * @param promiscMode               put the bridge in promiscuous mode
 * @param vlan                      access VLAN of the pod's port (0: none)
 * @param vlanTrunk                 trunk VLAN IDs of the pod's port, sorted, no duplicates
 * @param preserveDefaultVlan       keep VLAN 1 on the port when vlan/vlanTrunk is set (default true)
 * @param enableDad                 keep IPv6 duplicate address detection on (default off: no delay)
 * @param macSpoofCheck             drop frames from the pod whose source MAC is not the pod's
 * @param disableContainerInterface leave the pod interface down (only without IPAM)
 * @param portIsolation             isolate the pod's bridge port from other isolated ports
 * @param mac                       the pod interface's MAC, from runtimeConfig.mac, args.cni.mac or
 *                                  CNI_ARGS MAC (first found in that order)
 * @param ipam                      the {@code ipam} section when it names a type (layer 3)
 * @param dns                       the config's {@code dns}, which replaces IPAM's when set
 */
public record BridgeConfig(String network, CniVersion cniVersion, String bridge, boolean isGateway,
                           boolean isDefaultGateway, boolean forceAddress, boolean ipMasq,
                           Optional<MasqueradeBackend> ipMasqBackend, List<IpPrefix> ipMasqExcludeCidrs,
                           int mtu, boolean hairpinMode,
                           boolean promiscMode, int vlan, List<Integer> vlanTrunk, boolean preserveDefaultVlan,
                           boolean enableDad, boolean macSpoofCheck, boolean disableContainerInterface,
                           boolean portIsolation, Optional<MacAddress> mac, Optional<ObjectNode> ipam, Dns dns) {
    public static final String DEFAULT_BRIDGE = "cni0";
    static final int MIN_MTU = 68;
    static final int MAX_MTU = 65535;
    static final int MAX_VLAN = 4094;
    private static final FieldReader READER = new FieldReader(ErrorCode.INVALID_NETWORK_CONFIG);

    public BridgeConfig {
        vlanTrunk = List.copyOf(vlanTrunk);
        ipMasqExcludeCidrs = List.copyOf(ipMasqExcludeCidrs);
        ipam = ipam.map(ObjectNode::deepCopy);
    }

    @Override
    public Optional<ObjectNode> ipam() {
        return ipam.map(ObjectNode::deepCopy);
    }

    /** The IPAM plugin type, when the config asks for addresses. */
    public Optional<String> ipamType() {
        return ipam.map(n -> n.get("type")).filter(JsonNode::isTextual).map(JsonNode::textValue)
                .filter(s -> !s.isEmpty());
    }

    /** Whether the bridge needs VLAN filtering for this config. */
    public boolean vlanFiltering() {
        return vlan != 0 || !vlanTrunk.isEmpty();
    }

    /** Reads and validates the bridge's keys of {@code conf}, with the MAC from {@code args} as a fallback. */
    public static BridgeConfig of(NetworkConfig conf, CniArgs args) throws CniException {
        // Read with FieldReader rather than bound with Jackson: binding a record costs a cold
        // plugin process about 150 ms of class loading, more than the whole bridge setup.
        ObjectNode j = conf.raw();
        String bridge = READER.optString(j, "", "bridge").orElse(DEFAULT_BRIDGE);
        Optional<String> badBridge = Identifiers.checkIfname(bridge);
        if (badBridge.isPresent()) {
            throw invalid("bridge: " + badBridge.get());
        }
        Optional<MasqueradeBackend> backend = Optional.empty();
        Optional<String> backendText = READER.optString(j, "", "ipMasqBackend");
        if (backendText.isPresent()) {
            backend = Optional.of(MasqueradeBackend.parse(backendText.get()).orElseThrow(() -> invalid(
                    "ipMasqBackend: must be \"iptables\" or \"nftables\", got \"" + backendText.get() + "\"")));
        }
        List<IpPrefix> exclude = excludeCidrs(READER.optStringList(j, "", "ipMasqExcludeCidrs"));
        int mtu = READER.optInt(j, "", "mtu").orElse(0);
        if (mtu != 0 && (mtu < MIN_MTU || mtu > MAX_MTU)) {
            throw invalid("mtu: must be between " + MIN_MTU + " and " + MAX_MTU + " (or 0 for the kernel's default), got " + mtu);
        }
        int vlan = READER.optInt(j, "", "vlan").orElse(0);
        if (vlan < 0 || vlan > MAX_VLAN) {
            throw invalid("vlan: invalid VLAN ID " + vlan + " (must be between 0 and " + MAX_VLAN + ")");
        }
        List<Integer> trunk = trunk(READER.optArray(j, "", "vlanTrunk"));
        if (vlan != 0 && !trunk.isEmpty()) {
            throw invalid("vlan, vlanTrunk: cannot set both (a port is either an access port or a trunk)");
        }
        boolean isDefaultGateway = flag(j, "isDefaultGateway", false);
        return new BridgeConfig(conf.name(), conf.cniVersion(), bridge,
                flag(j, "isGateway", false) || isDefaultGateway, isDefaultGateway, flag(j, "forceAddress", false),
                conf.ipMasq(), backend, exclude, mtu, flag(j, "hairpinMode", false), flag(j, "promiscMode", false), vlan, trunk,
                flag(j, "preserveDefaultVlan", true), flag(j, "enabledad", false), flag(j, "macspoofchk", false),
                flag(j, "disableContainerInterface", false), flag(j, "portIsolation", false), mac(j, args),
                conf.ipam().filter(n -> n.path("type").isTextual() && !n.path("type").textValue().isEmpty()),
                conf.dns());
    }

    /** The combinations only ADD rejects (as the reference does), so DEL still cleans up after them. */
    public void checkForAdd() throws CniException {
        if (hairpinMode && promiscMode) {
            throw invalid("hairpinMode, promiscMode: cannot set hairpin mode and promiscuous mode at the same time");
        }
        if (disableContainerInterface && ipamType().isPresent()) {
            throw invalid("disableContainerInterface: cannot be used with IPAM (ipam.type \"" + ipamType().get() + "\")");
        }
        if (isGateway && vlan != 0 && ipamType().isPresent()) {
            // Checked before anything is created: ADD would otherwise fail only after IPAM.
            Optional<String> bad = Identifiers.checkIfname(VlanGateway.name(bridge, vlan));
            if (bad.isPresent()) {
                throw invalid("vlan: the VLAN gateway interface name " + bad.get() + " (shorten bridge)");
            }
        }
    }

    private static List<IpPrefix> excludeCidrs(List<String> texts) throws CniException {
        List<IpPrefix> out = new java.util.ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            try {
                IpPrefix p = IpPrefix.parse(texts.get(i));
                out.add(p.subnet());
            } catch (IllegalArgumentException e) {
                throw invalid(FieldReader.index("ipMasqExcludeCidrs", i) + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static List<Integer> trunk(List<JsonNode> items) throws CniException {
        TreeSet<Integer> ids = new TreeSet<>();
        for (int i = 0; i < items.size(); i++) {
            String at = FieldReader.index("vlanTrunk", i);
            ObjectNode t = READER.object(items.get(i), at);
            Optional<Integer> min = READER.optInt(t, at, "minID");
            Optional<Integer> max = READER.optInt(t, at, "maxID");
            Optional<Integer> id = READER.optInt(t, at, "id");
            if (min.isPresent() || max.isPresent()) {
                if (min.isEmpty()) {
                    throw invalid(at + ".minID: missing (minID and maxID must be set together)");
                }
                if (max.isEmpty()) {
                    throw invalid(at + ".maxID: missing (minID and maxID must be set together)");
                }
                checkVid(at + ".minID", min.get());
                checkVid(at + ".maxID", max.get());
                if (max.get() < min.get()) {
                    throw invalid(at + ": minID " + min.get() + " is greater than maxID " + max.get());
                }
                for (int v = min.get(); v <= max.get(); v++) {
                    ids.add(v);
                }
            }
            if (id.isPresent()) {
                checkVid(at + ".id", id.get());
                ids.add(id.get());
            }
        }
        return List.copyOf(ids);
    }

    private static void checkVid(String path, int v) throws CniException {
        if (v < 1 || v > MAX_VLAN) {
            throw invalid(path + ": invalid VLAN ID " + v + " (must be between 1 and " + MAX_VLAN + ")");
        }
    }

    /** runtimeConfig.mac wins over args.cni.mac, which wins over CNI_ARGS MAC, as in the reference. */
    private static Optional<MacAddress> mac(ObjectNode j, CniArgs args) throws CniException {
        Optional<ObjectNode> runtime = READER.optObject(j, "", "runtimeConfig");
        Optional<String> fromRuntime = runtime.isEmpty() ? Optional.empty()
                : READER.optString(runtime.get(), "runtimeConfig", "mac").filter(s -> !s.isEmpty());
        if (fromRuntime.isPresent()) {
            return Optional.of(MacOption.parse(fromRuntime.get(), "runtimeConfig.mac", ErrorCode.INVALID_NETWORK_CONFIG));
        }
        Optional<ObjectNode> cni = READER.optObject(j, "", "args").isEmpty() ? Optional.empty()
                : READER.optObject(READER.optObject(j, "", "args").get(), "args", "cni");
        Optional<String> fromArgs = cni.isEmpty() ? Optional.empty()
                : READER.optString(cni.get(), "args.cni", "mac").filter(s -> !s.isEmpty());
        if (fromArgs.isPresent()) {
            return Optional.of(MacOption.parse(fromArgs.get(), "args.cni.mac", ErrorCode.INVALID_NETWORK_CONFIG));
        }
        Optional<String> env = args.get("MAC").filter(s -> !s.isEmpty());
        if (env.isPresent()) {
            return Optional.of(MacOption.parse(env.get(), "CNI_ARGS MAC", ErrorCode.INVALID_ENVIRONMENT));
        }
        return Optional.empty();
    }

    private static boolean flag(ObjectNode j, String key, boolean dflt) throws CniException {
        return READER.optBoolean(j, "", key).orElse(dflt);
    }

    private static CniException invalid(String msg) {
        return new CniException(ErrorCode.INVALID_NETWORK_CONFIG, msg);
    }
}
