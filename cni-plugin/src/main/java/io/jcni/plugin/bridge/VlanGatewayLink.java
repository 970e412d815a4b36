package io.jcni.plugin.bridge;

import io.jcni.plugin.kernel.HostErrors;
import io.jcni.plugin.kernel.HostSide;
import io.jcni.plugin.kernel.KernelCall;
import io.jcni.plugin.kernel.Rollback;
import io.jcni.plugin.kernel.SysctlWrite;
import io.jcni.conf.CniException;
import io.jcni.netlink.NetlinkException;
import io.jcni.netlink.link.Link;
import io.jcni.netlink.link.Veth;
import io.jcni.netlink.sys.Errno;
import io.jcni.netlink.sys.ErrnoException;

import java.util.List;
import java.util.Optional;

/** Makes the {@link VlanGateway} plan real in the host namespace. */
final class VlanGatewayLink {
    private VlanGatewayLink() {
    }

    /**
     * Returns the gateway interface, creating its veth pair when no link has its name: the peer
     * joins the bridge with the planned VLANs, both ends come up. A pair made here is deleted by
     * {@code rollback} if the ADD fails later; a reused one is left alone, other pods use it.
     */
    static Link ensure(HostSide host, Link br, VlanGateway gw, boolean enableDad, Rollback rollback) throws CniException {
        String name = gw.name();
        Optional<Link> existing = KernelCall.get("look up VLAN gateway " + name, () -> host.nl().links().find(name));
        if (existing.isPresent()) {
            return existing.get();
        }
        Veth spec = Veth.named(name, gw.peer()).withMtu(br.mtu());
        try {
            host.nl().links().add(spec);
        } catch (ErrnoException e) {
            if (e.errno() == Errno.EEXIST) {
                // Another ADD made it just now (or the peer's name is taken, which the lookup reports).
                return KernelCall.get("look up VLAN gateway " + name, () -> host.nl().links().find(name))
                        .orElseThrow(() -> new CniException(HostErrors.ALREADY_EXISTS, "vlan: cannot create VLAN gateway "
                                + name + ": its peer " + gw.peer() + " already exists", "", e));
            }
            throw refused("create VLAN gateway " + name + " with peer " + gw.peer(), e);
        } catch (NetlinkException e) {
            throw refused("create VLAN gateway " + name + " with peer " + gw.peer(), e);
        }
        rollback.push("delete VLAN gateway " + name, () -> host.nl().links().delete(name));
        // We own its routes, as the bridge's; and without DAD its addresses are usable at once.
        SysctlWrite.ifPresent(host.ns(), "net/ipv6/conf/" + name + "/accept_ra", "0");
        if (!enableDad) {
            SysctlWrite.ifPresent(host.ns(), "net/ipv6/conf/" + name + "/accept_dad", "0");
            SysctlWrite.ifPresent(host.ns(), "net/ipv6/conf/" + gw.peer() + "/accept_dad", "0");
        }
        KernelCall.run("attach " + gw.peer() + " to " + br.name(), () -> host.nl().links().setMaster(gw.peer(), br.index()));
        Link peer = KernelCall.get("look up " + gw.peer(), () -> host.nl().links().get(gw.peer()));
        PortVlans.apply(host, peer, gw.vid(), List.of(), gw.preserveDefaultVlan(), "vlan");
        KernelCall.run("set " + gw.peer() + " up", () -> host.nl().links().setUp(gw.peer()));
        KernelCall.run("set " + name + " up", () -> host.nl().links().setUp(name));
        return KernelCall.get("look up VLAN gateway " + name, () -> host.nl().links().get(name));
    }

    private static CniException refused(String what, NetlinkException e) {
        return KernelCall.refused(what, e);
    }
}
