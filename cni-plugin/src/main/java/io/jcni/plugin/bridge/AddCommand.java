package io.jcni.plugin.bridge;

import io.jcni.plugin.kernel.AttachmentAlias;
import io.jcni.plugin.kernel.HostErrors;
import io.jcni.plugin.kernel.HostSide;
import io.jcni.plugin.kernel.KernelCall;
import io.jcni.plugin.kernel.PodSide;
import io.jcni.plugin.kernel.Rollback;
import io.jcni.plugin.kernel.SysctlWrite;
import io.jcni.conf.CniException;
import io.jcni.conf.CniPlugin;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.Request;
import io.jcni.conf.result.Dns;
import io.jcni.conf.result.Interface;
import io.jcni.conf.result.IpConfig;
import io.jcni.conf.result.IpPrefix;
import io.jcni.conf.result.Result;
import io.jcni.ipam.IpamPlugins;
import io.jcni.netlink.bridge.BridgePortFlags;
import io.jcni.netlink.bridge.BridgePorts;
import io.jcni.netlink.link.Link;
import io.jcni.netlink.link.OperState;
import io.jcni.netlink.link.Veth;
import io.jcni.plugin.bridge.firewall.MacSpoofCheck;
import io.jcni.plugin.bridge.firewall.MasqueradeBackends;
import io.jcni.plugin.rules.AttachmentRuleId;
import io.jcni.plugin.bridge.firewall.MasqueradeRules;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * ADD: bridge, veth pair (made inside the pod's namespace with the host end placed in the host
 * namespace), port settings, IPAM, the pod's addresses and routes, the gateway on the bridge,
 * forwarding, masquerade and the MAC spoof check. With an access {@code vlan} the gateway goes on
 * the VLAN's gateway interface instead of the bridge ({@link VlanGateway}). Every step registers
 * its undo first, so a failure anywhere leaves neither a veth, nor rules, nor an IPAM reservation
 * behind.
 */
final class AddCommand {
    /** How long to wait for the host port to come up; the veth is normally up within milliseconds. */
    private static final long PORT_UP_TIMEOUT_MS = 2500;
    private static final long PORT_UP_POLL_MS = 2;

    private final Optional<Path> hostNetns;

    AddCommand(Optional<Path> hostNetns) {
        this.hostNetns = hostNetns;
    }

    Result run(Request req) throws CniException {
        NetworkConfig conf = NetworkConfig.parse(req.config());
        BridgeConfig cfg = BridgeConfig.of(conf, req.args());
        cfg.checkForAdd();
        if (cfg.ipamType().isPresent()) {
            // a bad IPAM section is refused before the bridge exists, so it leaves nothing behind
            IpamPlugins.checkConfig(cfg.ipamType().get(), req);
        }
        String netns = req.requireNetns();
        String ifname = req.ifname();
        String hostVeth = HostVethName.of(req.containerId(), ifname);
        try (HostSide host = HostSide.open(hostNetns, req.environment()); PodSide pod = PodSide.open(req); Rollback rollback = new Rollback()) {
            if (KernelCall.get("look up " + ifname + " in the pod", () -> pod.nl().links().find(ifname)).isPresent()) {
                throw new CniException(HostErrors.ALREADY_EXISTS, "CNI_IFNAME: interface " + ifname
                        + " already exists in " + netns);
            }
            Optional<Link> clash = KernelCall.get("look up " + hostVeth, () -> host.nl().links().find(hostVeth));
            if (clash.isPresent()) {
                throw new CniException(HostErrors.ALREADY_EXISTS, "host veth " + hostVeth + " (derived from container ID "
                        + req.containerId() + " and ifname " + ifname + ") already exists"
                        + clash.get().alias().map(a -> " with alias " + a).orElse(""));
            }
            Link br = BridgeLink.ensure(host, cfg);

            // Queue length 0 on both ends, as the reference creates its veths (its netlink library
            // sends the zero of an unset field): the same `ip link` either way.
            Veth spec = Veth.named(ifname, hostVeth).withPeerNamespace(host.ns()).withTxQueueLength(0);
            if (cfg.mtu() != 0) {
                spec = spec.withMtu(cfg.mtu());
            }
            if (cfg.mac().isPresent()) {
                spec = spec.withMac(cfg.mac().get());
            }
            Veth veth = spec;
            KernelCall.run("create veth " + ifname + " in the pod with peer " + hostVeth, () -> pod.nl().links().add(veth));
            // Deleting either end deletes the pair; the pod end is found by name where the runtime put it.
            rollback.push("delete veth " + ifname, () -> pod.nl().links().delete(ifname));

            // Hairpin and promiscuous ports echo a pod's own neighbour solicitations back, so DAD
            // would fail there; the reference turns it off in that case too.
            boolean dad = cfg.enableDad() && !cfg.hairpinMode() && !cfg.promiscMode();
            SequencedMap<String, String> podSysctls = new LinkedHashMap<>();
            if (!dad) {
                podSysctls.put("net/ipv6/conf/" + ifname + "/accept_dad", "0");
                SysctlWrite.ifPresent(host.ns(), "net/ipv6/conf/" + hostVeth + "/accept_dad", "0");
            }
            podSysctls.put("net/ipv4/conf/" + ifname + "/arp_notify", "1");
            SysctlWrite.ifPresent(pod.ns(), podSysctls);

            Link hostLink = configureHostPort(host, br, hostVeth, cfg,
                    new AttachmentAlias(cfg.network(), req.containerId(), ifname));
            if (!cfg.disableContainerInterface()) {
                KernelCall.run("set " + ifname + " up in the pod", () -> pod.nl().links().setUp(ifname));
            }
            Link podLink = KernelCall.get("look up " + ifname + " in the pod", () -> pod.nl().links().get(ifname));

            Result ipam = Result.EMPTY;
            Optional<VlanGateway> vlanGateway = Optional.empty();
            GatewayPlan plan = GatewayPlan.of(ipam, cfg.isGateway(), cfg.isDefaultGateway());
            if (cfg.ipamType().isPresent()) {
                CniPlugin ipamPlugin = IpamPlugins.forType(cfg.ipamType().get(), req.path());
                ipam = ipamPlugin.add(req);
                rollback.push("release the IPAM reservation", () -> ipamPlugin.del(req.with(io.jcni.conf.Verb.DEL, req.config())));
                if (ipam.ips().isEmpty()) {
                    throw new CniException(ErrorCode.INVALID_NETWORK_CONFIG, "ipam: plugin " + cfg.ipamType().get()
                            + " returned no IP configuration");
                }
                plan = GatewayPlan.of(ipam, cfg.isGateway(), cfg.isDefaultGateway());
                PodInterface.configure(pod, podLink, plan.result(), dad);
                waitForPortUp(host, hostVeth);
                vlanGateway = VlanGateway.of(cfg, plan.gateways());
                Link gwLink = br;
                if (vlanGateway.isPresent()) {
                    gwLink = VlanGatewayLink.ensure(host, br, vlanGateway.get(), cfg.enableDad(), rollback);
                }
                for (IpPrefix gw : plan.gateways()) {
                    BridgeLink.ensureGateway(host, gwLink, gw, cfg.forceAddress(), !cfg.enableDad());
                }
                if (cfg.isGateway()) {
                    enableForwarding(host, plan.gateways());
                }
                if (cfg.ipMasq()) {
                    AttachmentRuleId id = new AttachmentRuleId(cfg.network(), req.containerId(), ifname);
                    MasqueradeRules masq = new MasqueradeBackends(host.tools(), host.ns()).forAdd(cfg.ipMasqBackend(), cfg.ipMasqExcludeCidrs());
                    List<IpPrefix> addrs = plan.result().ips().stream().map(IpConfig::address).toList();
                    rollback.push("remove masquerade rules", () -> masq.del(id));
                    masq.add(id, addrs);
                }
            }
            if (cfg.macSpoofCheck()) {
                MacSpoofCheck check = new MacSpoofCheck(host.ns());
                rollback.push("remove the MAC spoof check", () -> check.del(req.containerId(), ifname));
                check.add(req.containerId(), ifname, hostVeth, podLink.mac().orElseThrow());
            }

            Link brNow = KernelCall.get("look up " + br.name(), () -> host.nl().links().get(br.name()));
            List<Interface> interfaces = new ArrayList<>(List.of(
                    new Interface(brNow.name(), mac(brNow), null),
                    new Interface(hostLink.name(), mac(hostLink), null),
                    new Interface(podLink.name(), mac(podLink), netns)));
            if (vlanGateway.isPresent()) {
                // The reference lists the VLAN gateway after the pod's interface.
                String name = vlanGateway.get().name();
                Link gwNow = KernelCall.get("look up VLAN gateway " + name, () -> host.nl().links().get(name));
                interfaces.add(new Interface(gwNow.name(), mac(gwNow), null));
            }
            Dns dns = cfg.dns().isEmpty() ? ipam.dns() : cfg.dns();
            Result result = new Result(interfaces, plan.result().ips(), plan.result().routes(), dns);
            rollback.commit();
            return result;
        }
    }

    /** Alias, master, hairpin, isolation, VLANs and up, on the host end; returns it as it is then. */
    private static Link configureHostPort(HostSide host, Link br, String hostVeth, BridgeConfig cfg, AttachmentAlias alias)
            throws CniException {
        KernelCall.run("set the alias of " + hostVeth, () -> host.nl().links().setAlias(hostVeth, alias.text()));
        KernelCall.run("attach " + hostVeth + " to " + br.name(), () -> host.nl().links().setMaster(hostVeth, br.index()));
        Link link = KernelCall.get("look up " + hostVeth, () -> host.nl().links().get(hostVeth));
        BridgePortFlags flags = BridgePortFlags.unchanged();
        if (cfg.hairpinMode()) {
            flags = flags.withHairpin(true);
        }
        if (cfg.portIsolation()) {
            flags = flags.withIsolated(true);
        }
        BridgePortFlags portFlags = flags;
        KernelCall.run("set port flags of " + hostVeth, () -> new BridgePorts(host.nl().socket()).set(link.index(), portFlags));
        PortVlans.apply(host, link, cfg.vlan(), cfg.vlanTrunk(), cfg.preserveDefaultVlan(),
                cfg.vlan() != 0 ? "vlan" : "vlanTrunk");
        KernelCall.run("set " + hostVeth + " up", () -> host.nl().links().setUp(hostVeth));
        return KernelCall.get("look up " + hostVeth, () -> host.nl().links().get(hostVeth));
    }

    /** The bridge forwards only once the port is up; the reference waits for the same. */
    private static void waitForPortUp(HostSide host, String hostVeth) throws CniException {
        long deadline = System.nanoTime() + PORT_UP_TIMEOUT_MS * 1_000_000;
        while (true) {
            Link l = KernelCall.get("look up " + hostVeth, () -> host.nl().links().get(hostVeth));
            if (l.operState() == OperState.UP) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new CniException(HostErrors.CHANGE_REFUSED, "bridge port " + hostVeth + " is still "
                        + l.operState() + " after " + PORT_UP_TIMEOUT_MS + " ms");
            }
            try {
                Thread.sleep(PORT_UP_POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CniException(ErrorCode.TRY_AGAIN_LATER, "interrupted while waiting for " + hostVeth);
            }
        }
    }

    private static void enableForwarding(HostSide host, List<IpPrefix> gateways) throws CniException {
        if (gateways.stream().anyMatch(IpPrefix::isIpv4)) {
            SysctlWrite.required(host.ns(), "net/ipv4/ip_forward", "1");
        }
        if (gateways.stream().anyMatch(g -> !g.isIpv4())) {
            SysctlWrite.required(host.ns(), "net/ipv6/conf/all/forwarding", "1");
        }
    }

    private static String mac(Link l) {
        return l.mac().map(Object::toString).orElse("");
    }
}
