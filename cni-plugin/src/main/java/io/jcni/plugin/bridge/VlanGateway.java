package io.jcni.plugin.bridge;

import io.jcni.conf.result.IpPrefix;

import java.util.List;
import java.util.Optional;

/**
 * Where the gateway of an access VLAN lives, as the reference places it. With {@code vlan} the
 * bridge filters VLANs and the bridge device itself stays in the default VLAN, so a gateway
 * address on it would be out of the pods' reach. The addresses go instead on
 * {@code <bridge>.<vid>}, one end of a veth pair in the host namespace whose other end
 * ({@link #peer}) is a bridge port in that VLAN: PVID and untagged, without its default VLAN unless
 * {@code preserveDefaultVlan}. Every pod of the VLAN shares it: the first ADD that needs it
 * creates it, later ones reuse whatever link has the name, and DEL never removes it.
 *
 * @param bridge    the bridge the peer is attached to
 * @param vid       the access VLAN
 * @param name      {@code <bridge>.<vid>}: carries the gateway addresses
 * @param peer      the bridge port end of the pair, named by {@link HostVethName#ofVlanGateway}
 * @param addresses the gateway addresses, in the order ADD adds them
 */
public record VlanGateway(String bridge, int vid, String name, String peer, boolean preserveDefaultVlan,
                          List<IpPrefix> addresses) {
    public VlanGateway {
        addresses = List.copyOf(addresses);
    }

    /** The reference's name for the gateway interface of VLAN {@code vid} on {@code bridge}. */
    public static String name(String bridge, int vid) {
        return bridge + "." + vid;
    }

    /**
     * The VLAN gateway for {@code gateways} (the plan's gateway addresses), or empty when they go
     * on the bridge: without an access VLAN, or without gateway addresses (not {@code isGateway},
     * or no IPAM). Trunk ports never get one, as in the reference.
     */
    public static Optional<VlanGateway> of(BridgeConfig cfg, List<IpPrefix> gateways) {
        if (cfg.vlan() == 0 || gateways.isEmpty()) {
            return Optional.empty();
        }
        String name = name(cfg.bridge(), cfg.vlan());
        return Optional.of(new VlanGateway(cfg.bridge(), cfg.vlan(), name, HostVethName.ofVlanGateway(name),
                cfg.preserveDefaultVlan(), gateways));
    }

    /** The VLAN changes on the peer's bridge port, given the VIDs the fresh port came with. */
    public List<PortVlans.Change> peerVlans(List<Integer> existing) {
        return PortVlans.plan(vid, List.of(), preserveDefaultVlan, existing);
    }
}
