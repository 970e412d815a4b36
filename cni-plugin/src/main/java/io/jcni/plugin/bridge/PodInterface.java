package io.jcni.plugin.bridge;

import io.jcni.plugin.kernel.HostErrors;
import io.jcni.plugin.kernel.KernelCall;
import io.jcni.plugin.kernel.PodSide;
import io.jcni.conf.CniException;
import io.jcni.conf.result.IpConfig;
import io.jcni.conf.result.Result;
import io.jcni.conf.result.Route;
import io.jcni.netlink.IpFamily;
import io.jcni.netlink.Scope;
import io.jcni.netlink.addr.Address;
import io.jcni.netlink.addr.AddressFlag;
import io.jcni.netlink.link.Link;
import io.jcni.netlink.sys.Errno;
import io.jcni.netlink.sys.ErrnoException;

import java.net.InetAddress;
import java.util.Set;

/** The pod's end of the veth pair: its addresses, state and routes, set through the pod's namespace. */
final class PodInterface {
    private PodInterface() {
    }

    /**
     * Addresses (IPv6 without DAD unless {@code enableDad}, so they are usable at once), link up,
     * then the routes, each through its own gateway or else its family's first gateway, as the
     * reference's ConfigureIface does.
     */
    static void configure(PodSide pod, Link link, Result plan, boolean enableDad) throws CniException {
        InetAddress gw4 = null;
        InetAddress gw6 = null;
        for (IpConfig ip : plan.ips()) {
            Address a = Ipv4Broadcast.set(Address.of(link.index(), ip.address().address(), ip.address().prefixLength()));
            if (!ip.isIpv4() && !enableDad) {
                a = a.withFlags(Set.of(AddressFlag.NODAD));
            }
            Address add = a;
            KernelCall.run("add " + ip.address() + " to " + link.name() + " in the pod", () -> pod.nl().addresses().add(add));
            if (ip.gateway() != null) {
                if (ip.isIpv4() && gw4 == null) {
                    gw4 = ip.gateway();
                } else if (!ip.isIpv4() && gw6 == null) {
                    gw6 = ip.gateway();
                }
            }
        }
        KernelCall.run("set " + link.name() + " up in the pod", () -> pod.nl().links().setUp(link.name()));
        for (Route r : plan.routes()) {
            InetAddress gw = r.gw() != null ? r.gw() : (r.dst().isIpv4() ? gw4 : gw6);
            io.jcni.netlink.route.Route route = toKernel(r, gw, link.index());
            try {
                pod.nl().routes().add(route);
            } catch (ErrnoException e) {
                if (e.errno() != Errno.EEXIST) {
                    throw KernelCall.refused("add route " + r.dst()
                            + (gw == null ? "" : " via " + io.jcni.conf.result.IpText.format(gw)) + " in the pod", e);
                }
            }
        }
    }

    /** The kernel route for a result route: via the gateway if any, else straight out of the link. */
    static io.jcni.netlink.route.Route toKernel(Route r, InetAddress gw, int linkIndex) {
        io.jcni.netlink.route.Route k = gw != null
                ? io.jcni.netlink.route.Route.via(r.dst().address(), r.dst().prefixLength(), gw).withLink(linkIndex)
                : io.jcni.netlink.route.Route.onLink(r.dst().address(), r.dst().prefixLength(), linkIndex);
        // A default route's destination must be the zero address even if the result wrote host bits.
        k = new io.jcni.netlink.route.Route(r.dst().subnet().address(), k.destinationLength(), k.gateway(),
                k.linkIndex(), k.scope(), k.table(), k.priority(), k.mtu(), k.advmss(), k.protocol(), k.type(),
                k.preferredSource());
        if (r.mtu() != null && r.mtu() > 0) {
            k = k.withMtu(r.mtu());
        }
        if (r.advmss() != null && r.advmss() > 0) {
            k = k.withAdvmss(r.advmss());
        }
        if (r.priority() != null && r.priority() > 0) {
            k = k.withPriority(r.priority());
        }
        if (r.table() != null && r.table() > 0) {
            k = k.withTable(r.table());
        }
        if (r.scope() != null) {
            k = k.withScope(Scope.of(r.scope()));
        }
        return k;
    }

    /** Whether the pod's namespace has an address equal to the result's (used by CHECK). */
    static boolean hasAddress(PodSide pod, Link link, IpConfig ip) throws CniException {
        IpFamily f = IpFamily.of(ip.address().address());
        return KernelCall.get("list addresses of " + link.name() + " in the pod", () -> pod.nl().addresses().list(f, link.index()))
                .stream().anyMatch(a -> a.address().equals(ip.address().address()) && a.prefixLength() == ip.address().prefixLength());
    }
}
