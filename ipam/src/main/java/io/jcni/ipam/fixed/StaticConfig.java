package io.jcni.ipam.fixed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcni.conf.CniException;
import io.jcni.conf.CniVersion;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.FieldReader;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.Request;
import io.jcni.conf.result.Dns;
import io.jcni.conf.result.DnsJson;
import io.jcni.conf.result.IpConfig;
import io.jcni.conf.result.IpPrefix;
import io.jcni.conf.result.IpText;
import io.jcni.conf.result.Route;
import io.jcni.conf.result.RouteJson;
import io.jcni.ipam.net.IpMath;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code ipam} section of a static config with the runtime's overrides applied as the
 * reference does: {@code CNI_ARGS IP=a/n,b/m} adds addresses and {@code GATEWAY=g,h} sets the
 * gateway of the address whose subnet holds it; {@code args.cni.ips}, then
 * {@code runtimeConfig.ips}, replace the address list.
 */
public record StaticConfig(CniVersion version, List<IpConfig> addresses, List<Route> routes, Dns dns) {
    private static final FieldReader READER = new FieldReader(ErrorCode.INVALID_NETWORK_CONFIG);
    private static final FieldReader ENV = new FieldReader(ErrorCode.INVALID_ENVIRONMENT);
    private static final String IPAM = "ipam";

    public StaticConfig {
        addresses = List.copyOf(addresses);
        routes = List.copyOf(routes);
    }

    public static StaticConfig of(Request request, NetworkConfig conf) throws CniException {
        ObjectNode ipam = conf.ipam().orElseThrow(() -> READER.error(IPAM, "missing"));
        List<IpConfig> addresses = new ArrayList<>();
        String addrPath = FieldReader.path(IPAM, "addresses");
        List<JsonNode> nodes = READER.optArray(ipam, IPAM, "addresses");
        for (int i = 0; i < nodes.size(); i++) {
            String p = FieldReader.index(addrPath, i);
            ObjectNode o = READER.object(nodes.get(i), p);
            IpPrefix address = READER.requiredPrefix(o, p, "address");
            InetAddress gateway = READER.optAddress(o, p, "gateway").orElse(null);
            if (gateway != null && !IpMath.sameFamily(gateway, address.address())) {
                throw READER.error(FieldReader.path(p, "gateway"), IpText.format(gateway)
                        + " is not of the family of " + address);
            }
            addresses.add(new IpConfig(address, gateway, null));
        }
        addEnvArgs(request, addresses);
        Optional<ObjectNode> cni = READER.optObject(conf.args(), "args", "cni");
        if (cni.isPresent()) {
            replace(addresses, READER.optStringList(cni.get(), "args.cni", "ips"), "args.cni.ips");
        }
        replace(addresses, READER.optStringList(conf.runtimeConfig(), "runtimeConfig", "ips"), "runtimeConfig.ips");
        checkFamilies(addresses, conf.cniVersion());

        List<Route> routes = new ArrayList<>();
        List<JsonNode> routeNodes = READER.optArray(ipam, IPAM, "routes");
        for (int i = 0; i < routeNodes.size(); i++) {
            routes.add(RouteJson.read(routeNodes.get(i), READER, FieldReader.index(FieldReader.path(IPAM, "routes"), i)));
        }
        Optional<ObjectNode> dns = READER.optObject(ipam, IPAM, "dns");
        return new StaticConfig(conf.cniVersion(), addresses, routes,
                dns.isEmpty() ? Dns.EMPTY : DnsJson.read(dns.get(), READER, FieldReader.path(IPAM, "dns")));
    }

    private static void addEnvArgs(Request request, List<IpConfig> addresses) throws CniException {
        Optional<String> ips = request.args().get("IP").filter(s -> !s.isBlank());
        if (ips.isPresent()) {
            for (String item : ips.get().split(",")) {
                addresses.add(new IpConfig(prefix(item.strip(), ENV, "CNI_ARGS IP"), null, null));
            }
        }
        Optional<String> gateways = request.args().get("GATEWAY").filter(s -> !s.isBlank());
        if (gateways.isPresent()) {
            for (String item : gateways.get().split(",")) {
                InetAddress gw;
                try {
                    gw = IpText.parse(item.strip());
                } catch (IllegalArgumentException e) {
                    throw ENV.error("CNI_ARGS GATEWAY", e.getMessage());
                }
                for (int i = 0; i < addresses.size(); i++) {
                    IpConfig a = addresses.get(i);
                    if (a.address().contains(gw)) {
                        addresses.set(i, new IpConfig(a.address(), gw, null));
                    }
                }
            }
        }
    }

    private static void replace(List<IpConfig> addresses, List<String> items, String path) throws CniException {
        if (items.isEmpty()) {
            return;
        }
        addresses.clear();
        for (int i = 0; i < items.size(); i++) {
            addresses.add(new IpConfig(prefix(items.get(i), READER, FieldReader.index(path, i)), null, null));
        }
    }

    private static IpPrefix prefix(String text, FieldReader reader, String path) throws CniException {
        try {
            return IpPrefix.parse(text);
        } catch (IllegalArgumentException e) {
            throw reader.error(path, e.getMessage());
        }
    }

    private static void checkFamilies(List<IpConfig> addresses, CniVersion version) throws CniException {
        long v4 = addresses.stream().filter(IpConfig::isIpv4).count();
        long v6 = addresses.size() - v4;
        if (!version.atLeast(CniVersion.V0_3_0) && (v4 > 1 || v6 > 1)) {
            throw READER.error("ipam.addresses", "CNI version " + version + " allows one address per family, but "
                    + v4 + " IPv4 and " + v6 + " IPv6 addresses are given");
        }
    }
}
