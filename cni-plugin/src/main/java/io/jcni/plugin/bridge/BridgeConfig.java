package io.jcni.plugin.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcni.conf.CniArgs;
import io.jcni.conf.CniException;
import io.jcni.conf.CniVersion;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.Identifiers;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.result.Dns;
import io.jcni.netlink.MacAddress;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

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
                           Optional<MasqueradeBackend> ipMasqBackend, int mtu, boolean hairpinMode,
                           boolean promiscMode, int vlan, List<Integer> vlanTrunk, boolean preserveDefaultVlan,
                           boolean enableDad, boolean macSpoofCheck, boolean disableContainerInterface,
                           boolean portIsolation, Optional<MacAddress> mac, Optional<ObjectNode> ipam, Dns dns) {
    public static final String DEFAULT_BRIDGE = "cni0";
    static final int MIN_MTU = 68;
    static final int MAX_MTU = 65535;
    static final int MAX_VLAN = 4094;
    private static final Pattern MAC = Pattern.compile("[0-9a-fA-F]{2}([:-])[0-9a-fA-F]{2}(\\1[0-9a-fA-F]{2}){4}");

    public BridgeConfig {
        vlanTrunk = List.copyOf(vlanTrunk);
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
        BridgeConfigJson j = conf.bind(BridgeConfigJson.class);
        String bridge = j.bridge() == null ? DEFAULT_BRIDGE : j.bridge();
        Optional<String> badBridge = Identifiers.checkIfname(bridge);
        if (badBridge.isPresent()) {
            throw invalid("bridge: " + badBridge.get());
        }
        Optional<MasqueradeBackend> backend = Optional.empty();
        if (j.ipMasqBackend() != null) {
            backend = Optional.of(MasqueradeBackend.parse(j.ipMasqBackend()).orElseThrow(() -> invalid(
                    "ipMasqBackend: must be \"iptables\" or \"nftables\", got \"" + j.ipMasqBackend() + "\"")));
        }
        int mtu = j.mtu() == null ? 0 : j.mtu();
        if (mtu != 0 && (mtu < MIN_MTU || mtu > MAX_MTU)) {
            throw invalid("mtu: must be between " + MIN_MTU + " and " + MAX_MTU + " (or 0 for the kernel's default), got " + mtu);
        }
        int vlan = j.vlan() == null ? 0 : j.vlan();
        if (vlan < 0 || vlan > MAX_VLAN) {
            throw invalid("vlan: invalid VLAN ID " + vlan + " (must be between 0 and " + MAX_VLAN + ")");
        }
        List<Integer> trunk = trunk(j.vlanTrunk());
        if (vlan != 0 && !trunk.isEmpty()) {
            throw invalid("vlan, vlanTrunk: cannot set both (a port is either an access port or a trunk)");
        }
        boolean isDefaultGateway = flag(j.isDefaultGateway(), false);
        return new BridgeConfig(conf.name(), conf.cniVersion(), bridge,
                flag(j.isGateway(), false) || isDefaultGateway, isDefaultGateway, flag(j.forceAddress(), false),
                conf.ipMasq(), backend, mtu, flag(j.hairpinMode(), false), flag(j.promiscMode(), false), vlan, trunk,
                flag(j.preserveDefaultVlan(), true), flag(j.enabledad(), false), flag(j.macspoofchk(), false),
                flag(j.disableContainerInterface(), false), flag(j.portIsolation(), false), mac(j, args),
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
    }

    private static List<Integer> trunk(List<BridgeConfigJson.Trunk> items) throws CniException {
        if (items == null) {
            return List.of();
        }
        TreeSet<Integer> ids = new TreeSet<>();
        for (int i = 0; i < items.size(); i++) {
            BridgeConfigJson.Trunk t = items.get(i);
            String at = "vlanTrunk[" + i + "]";
            if (t == null) {
                throw invalid(at + ": expected an object, got null");
            }
            if (t.minId() != null || t.maxId() != null) {
                if (t.minId() == null) {
                    throw invalid(at + ".minID: missing (minID and maxID must be set together)");
                }
                if (t.maxId() == null) {
                    throw invalid(at + ".maxID: missing (minID and maxID must be set together)");
                }
                checkVid(at + ".minID", t.minId());
                checkVid(at + ".maxID", t.maxId());
                if (t.maxId() < t.minId()) {
                    throw invalid(at + ": minID " + t.minId() + " is greater than maxID " + t.maxId());
                }
                for (int v = t.minId(); v <= t.maxId(); v++) {
                    ids.add(v);
                }
            }
            if (t.id() != null) {
                checkVid(at + ".id", t.id());
                ids.add(t.id());
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
    private static Optional<MacAddress> mac(BridgeConfigJson j, CniArgs args) throws CniException {
        if (j.runtimeConfig() != null && j.runtimeConfig().mac() != null && !j.runtimeConfig().mac().isEmpty()) {
            return Optional.of(parseMac(j.runtimeConfig().mac(), "runtimeConfig.mac", ErrorCode.INVALID_NETWORK_CONFIG));
        }
        if (j.args() != null && j.args().cni() != null && j.args().cni().mac() != null && !j.args().cni().mac().isEmpty()) {
            return Optional.of(parseMac(j.args().cni().mac(), "args.cni.mac", ErrorCode.INVALID_NETWORK_CONFIG));
        }
        Optional<String> env = args.get("MAC").filter(s -> !s.isEmpty());
        if (env.isPresent()) {
            return Optional.of(parseMac(env.get(), "CNI_ARGS MAC", ErrorCode.INVALID_ENVIRONMENT));
        }
        return Optional.empty();
    }

    /**
     * Six hex byte pairs separated by {@code :} or {@code -} (the EUI-48 forms Go's
     * {@code net.ParseMAC} reads); a multicast address cannot be an interface's own.
     */
    private static MacAddress parseMac(String text, String field, ErrorCode code) throws CniException {
        CniException bad = new CniException(code,
                field + ": invalid MAC address \"" + text + "\" (want six hex bytes such as 0a:58:0a:01:02:03)");
        if (!MAC.matcher(text).matches()) {
            throw bad;
        }
        MacAddress m = MacAddress.parse(text);
        if ((m.bytes()[0] & 1) != 0) {
            throw new CniException(code, field + ": " + text + " is a multicast address, not usable by an interface");
        }
        return m;
    }

    private static boolean flag(Boolean b, boolean dflt) {
        return b == null ? dflt : b;
    }

    private static CniException invalid(String msg) {
        return new CniException(ErrorCode.INVALID_NETWORK_CONFIG, msg);
    }
}
