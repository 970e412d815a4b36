package io.jcni.conf.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcni.conf.CniException;
import io.jcni.conf.CniVersion;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.FieldReader;
import io.jcni.conf.Json;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Results of 0.1.0 and 0.2.0: {@code ip4} and {@code ip6}, one address each, with the routes of
 * that family inside. No interfaces.
 */
final class LegacyResultJson {
    private LegacyResultJson() {
    }

    static Result read(ObjectNode node, FieldReader reader, String path) throws CniException {
        List<IpConfig> ips = new ArrayList<>();
        List<Route> routes = new ArrayList<>();
        for (String family : List.of("ip4", "ip6")) {
            Optional<ObjectNode> ip = reader.optObject(node, path, family);
            if (ip.isEmpty()) {
                continue;
            }
            String ipPath = FieldReader.path(path, family);
            IpPrefix address = reader.requiredPrefix(ip.get(), ipPath, "ip");
            if (address.isIpv4() != family.equals("ip4")) {
                throw reader.error(FieldReader.path(ipPath, "ip"), "\"" + address + "\" is not an "
                        + (family.equals("ip4") ? "IPv4" : "IPv6") + " address");
            }
            ips.add(new IpConfig(address, reader.optAddress(ip.get(), ipPath, "gateway").orElse(null), null));
            List<JsonNode> rs = reader.optArray(ip.get(), ipPath, "routes");
            for (int i = 0; i < rs.size(); i++) {
                routes.add(RouteJson.read(rs.get(i), reader, FieldReader.index(FieldReader.path(ipPath, "routes"), i)));
            }
        }
        var dns = reader.optObject(node, path, "dns");
        return new Result(List.of(), ips, routes, dns.isEmpty() ? Dns.EMPTY : DnsJson.read(dns.get(), reader, FieldReader.path(path, "dns")));
    }

    /**
     * Fails with code 1 when the result cannot be said in this form: more than one address of a
     * family, or a route of a family that has no address to hang it on.
     */
    static ObjectNode write(Result r, CniVersion v) throws CniException {
        IpConfig ip4 = only(r, true, v);
        IpConfig ip6 = only(r, false, v);
        ObjectNode out = Json.object();
        out.put("cniVersion", v.text());
        if (ip4 != null) {
            out.set("ip4", ipJson(ip4, r, v));
        }
        if (ip6 != null) {
            out.set("ip6", ipJson(ip6, r, v));
        }
        for (Route route : r.routes()) {
            if ((route.dst().isIpv4() ? ip4 : ip6) == null) {
                throw new CniException(ErrorCode.INCOMPATIBLE_VERSION, "cannot express the result as "
                        + v + ": route to " + route.dst() + " has no "
                        + (route.dst().isIpv4() ? "IPv4" : "IPv6") + " address to belong to");
            }
        }
        out.set("dns", DnsJson.write(r.dns()));
        return out;
    }

    private static IpConfig only(Result r, boolean ipv4, CniVersion v) throws CniException {
        List<IpConfig> ips = r.ips().stream().filter(ip -> ip.isIpv4() == ipv4).toList();
        if (ips.size() > 1) {
            throw new CniException(ErrorCode.INCOMPATIBLE_VERSION, "cannot express the result as " + v
                    + ": it has " + ips.size() + " " + (ipv4 ? "IPv4" : "IPv6") + " addresses and "
                    + (ipv4 ? "ip4" : "ip6") + " holds one");
        }
        return ips.isEmpty() ? null : ips.getFirst();
    }

    private static ObjectNode ipJson(IpConfig ip, Result r, CniVersion v) {
        ObjectNode out = Json.object();
        out.put("ip", ip.address().toString());
        InetAddress gw = ip.gateway();
        if (gw != null) {
            out.put("gateway", IpText.format(gw));
        }
        List<Route> routes = r.routes().stream().filter(rt -> rt.dst().isIpv4() == ip.isIpv4()).toList();
        if (!routes.isEmpty()) {
            ArrayNode a = out.putArray("routes");
            routes.forEach(rt -> a.add(RouteJson.write(rt, v)));
        }
        return out;
    }
}
