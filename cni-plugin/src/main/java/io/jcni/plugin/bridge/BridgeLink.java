package io.jcni.plugin.bridge;

import io.jcni.plugin.kernel.HostErrors;
import io.jcni.plugin.kernel.HostSide;
import io.jcni.plugin.kernel.KernelCall;
import io.jcni.plugin.kernel.SysctlWrite;
import io.jcni.conf.CniException;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.result.IpPrefix;
import io.jcni.netlink.IpFamily;
import io.jcni.netlink.NetlinkException;
import io.jcni.netlink.addr.Address;
import io.jcni.netlink.addr.AddressFlag;
import io.jcni.netlink.bridge.BridgeVlans;
import io.jcni.netlink.link.Bridge;
import io.jcni.netlink.link.Link;
import io.jcni.netlink.sys.Errno;
import io.jcni.netlink.sys.ErrnoException;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The bridge in the host namespace: created if missing (never deleted: other pods share it),
 * checked to be a bridge, made to own its IPv6 routes, brought up; and its gateway addresses.
 */
final class BridgeLink {
    private BridgeLink() {
    }

    /**
     * Returns the bridge, creating it when missing. VLAN options need VLAN filtering; a kernel
     * without it refuses the creation, and nothing is left behind.
     */
    static Link ensure(HostSide host, BridgeConfig cfg) throws CniException {
        String name = cfg.bridge();
        Optional<Link> existing = KernelCall.get("look up bridge " + name, () -> host.nl().links().find(name));
        Link br;
        if (existing.isPresent()) {
            br = existing.get();
            if (!br.kind().equals(Optional.of("bridge"))) {
                throw new CniException(ErrorCode.INVALID_NETWORK_CONFIG, "bridge: \"" + name
                        + "\" already exists but is a " + br.kind().orElse("device without a kind") + ", not a bridge");
            }
            if (cfg.vlanFiltering() && !br.bridgeVlanFiltering().orElse(false)) {
                int index = br.index();
                try {
                    new BridgeVlans(host.nl().socket()).setVlanFiltering(index, true);
                } catch (NetlinkException e) {
                    throw vlanUnsupported(cfg, "turning on VLAN filtering of bridge " + name + " failed", e);
                }
            }
        } else {
            Bridge spec = Bridge.named(name);
            if (cfg.mtu() != 0) {
                spec = spec.withMtu(cfg.mtu());
            }
            if (cfg.vlanFiltering()) {
                spec = spec.withVlanFiltering(true);
            }
            try {
                br = host.nl().links().add(spec);
            } catch (ErrnoException e) {
                if (e.errno() == Errno.EEXIST) {
                    // Another ADD created it just now: use theirs.
                    return ensure(host, cfg);
                }
                if (cfg.vlanFiltering() && (e.errno() == Errno.EOPNOTSUPP || e.errno() == Errno.EINVAL)) {
                    throw vlanUnsupported(cfg, "creating bridge " + name + " with VLAN filtering failed", e);
                }
                throw KernelCall.refused("create bridge " + name, e);
            } catch (NetlinkException e) {
                throw KernelCall.refused("create bridge " + name, e);
            }
        }
        if (cfg.promiscMode()) {
            KernelCall.run("set promiscuous mode on " + name, () -> host.nl().links().setPromiscuous(name, true));
        }
        // We own the bridge's IPv6 routes; router advertisements must not add their own.
        SysctlWrite.ifPresent(host.ns(), "net/ipv6/conf/" + name + "/accept_ra", "0");
        if (!cfg.enableDad()) {
            // Else the bridge's link-local address stays tentative for a second or two after it comes up.
            SysctlWrite.ifPresent(host.ns(), "net/ipv6/conf/" + name + "/accept_dad", "0");
        }
        KernelCall.run("set " + name + " up", () -> host.nl().links().setUp(name));
        return KernelCall.get("look up bridge " + name, () -> host.nl().links().get(name));
    }

    private static CniException vlanUnsupported(BridgeConfig cfg, String what, Exception cause) {
        return vlanUnsupported(cfg.vlan() != 0 ? "vlan" : "vlanTrunk", what, cause);
    }

    /** The error for a kernel without bridge VLAN filtering, naming the option that needs it. */
    static CniException vlanUnsupported(String option, String what, Exception cause) {
        return new CniException(HostErrors.UNSUPPORTED_BY_KERNEL, option + ": needs bridge VLAN filtering, which this"
                + " kernel does not support (" + what + ")", cause == null ? "" : cause.getMessage(), cause);
    }

    /**
     * Puts a gateway address on the bridge (or a VLAN gateway), as the reference's ensureAddr: nothing to do when it is
     * there; another IPv4 address, or an overlapping IPv6 one, is an error unless
     * {@code forceAddress} replaces it. Afterwards the bridge's MAC is pinned to its current value,
     * so it no longer follows the lowest port MAC as ports come and go.
     *
     * @param nodad add the address without duplicate address detection (IPv6), so it is usable at once
     */
    static void ensureGateway(HostSide host, Link br, IpPrefix gw, boolean forceAddress, boolean nodad) throws CniException {
        IpFamily family = IpFamily.of(gw.address());
        List<Address> addrs = KernelCall.get("list addresses of " + br.name(),
                () -> host.nl().addresses().list(family, br.index()));
        for (Address a : addrs) {
            if (a.address().equals(gw.address()) && a.prefixLength() == gw.prefixLength()) {
                return;
            }
            IpPrefix have = new IpPrefix(a.address(), a.prefixLength());
            boolean clash = family == IpFamily.IPV4 || have.contains(gw.address())
                    || gw.contains(a.address());
            if (!clash) {
                continue;
            }
            if (!forceAddress) {
                String role = br.kind().equals(Optional.of("bridge")) ? "bridge " : "VLAN gateway ";
                throw new CniException(HostErrors.ALREADY_EXISTS, "isGateway: " + role + br.name() + " already has "
                        + have + ", not " + gw + " (set forceAddress to replace it)");
            }
            KernelCall.run("remove " + have + " from " + br.name(), () -> host.nl().addresses().delete(a));
        }
        Address add = Ipv4Broadcast.set(Address.of(br.index(), gw.address(), gw.prefixLength()));
        if (nodad && family == IpFamily.IPV6) {
            add = add.withFlags(Set.of(AddressFlag.NODAD));
        }
        Address toAdd = add;
        try {
            host.nl().addresses().add(toAdd);
        } catch (ErrnoException e) {
            if (e.errno() != Errno.EEXIST) {
                throw KernelCall.refused("add " + gw + " to " + br.name(), e);
            }
        }
        if (br.mac().isPresent()) {
            KernelCall.run("pin the MAC of " + br.name(), () -> host.nl().links().setMac(br.name(), br.mac().get()));
        }
    }
}
