package io.jcni.plugin.bridge;

import io.jcni.conf.result.IpConfig;
import io.jcni.conf.result.IpPrefix;
import io.jcni.conf.result.Result;
import io.jcni.conf.result.Route;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the IPAM result means for the pod and the bridge, as the reference computes it: every
 * address belongs to the pod interface (result index 2); a gateway missing from IPAM is the
 * subnet's first address when the bridge is a gateway; {@code isDefaultGateway} adds one default
 * route per family unless IPAM returned one with a gateway; and each gateway goes on the bridge
 * (or, with an access VLAN, on its {@link VlanGateway}) with the pod address's prefix length.
 *
 * @param result          the IPAM result with the pod's interface index, gateways and routes filled in
 * @param gateways the gateway addresses for the bridge or VLAN gateway, IPv4 first, in IPAM's order
 */
public record GatewayPlan(Result result, List<IpPrefix> gateways) {
    /** Index of the pod interface in the result's {@code interfaces}: [bridge, host veth, pod]. */
    public static final int POD_INTERFACE = 2;

    public GatewayPlan {
        gateways = List.copyOf(gateways);
    }

    public static GatewayPlan of(Result ipam, boolean isGateway, boolean isDefaultGateway) {
        List<IpConfig> ips = new ArrayList<>();
        List<Route> routes = new ArrayList<>(ipam.routes());
        List<IpPrefix> gw4 = new ArrayList<>();
        List<IpPrefix> gw6 = new ArrayList<>();
        boolean default4 = false;
        boolean default6 = false;
        for (IpConfig ip : ipam.ips()) {
            boolean v4 = ip.isIpv4();
            InetAddress gateway = ip.gateway();
            if (gateway == null && isGateway) {
                gateway = firstHost(ip.address());
            }
            ips.add(new IpConfig(ip.address(), gateway, POD_INTERFACE));
            if (isDefaultGateway && !(v4 ? default4 : default6)) {
                boolean found = routes.stream().anyMatch(r -> r.gw() != null && isDefault(r.dst(), v4));
                if (!found) {
                    routes.add(new Route(new IpPrefix(zero(v4), 0), gateway));
                }
                if (v4) {
                    default4 = true;
                } else {
                    default6 = true;
                }
            }
            if (isGateway) {
                (v4 ? gw4 : gw6).add(new IpPrefix(gateway, ip.address().prefixLength()));
            }
        }
        List<IpPrefix> bridge = new ArrayList<>(gw4);
        bridge.addAll(gw6);
        return new GatewayPlan(new Result(ipam.interfaces(), ips, routes, ipam.dns()), bridge);
    }

    /** The subnet's network address plus one, as the reference's calcGatewayIP. */
    static InetAddress firstHost(IpPrefix p) {
        byte[] net = p.subnet().address().getAddress();
        byte[] next = new BigInteger(1, net).add(BigInteger.ONE).toByteArray();
        byte[] out = new byte[net.length];
        int n = Math.min(next.length, out.length);
        System.arraycopy(next, next.length - n, out, out.length - n, n);
        try {
            return InetAddress.getByAddress(out);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isDefault(IpPrefix dst, boolean v4) {
        return dst != null && dst.prefixLength() == 0 && dst.isIpv4() == v4 && dst.address().isAnyLocalAddress();
    }

    private static InetAddress zero(boolean v4) {
        try {
            return InetAddress.getByAddress(new byte[v4 ? 4 : 16]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
