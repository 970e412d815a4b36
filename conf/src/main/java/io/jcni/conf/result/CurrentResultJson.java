package io.jcni.conf.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcni.conf.CniException;
import io.jcni.conf.CniVersion;
import io.jcni.conf.FieldReader;
import io.jcni.conf.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Results of 0.3.0 and later: {@code interfaces}, {@code ips}, {@code routes}, {@code dns}.
 * Before 1.0.0 every ip carries {@code version}; 1.1.0 adds interface and route attributes.
 */
final class CurrentResultJson {
    private CurrentResultJson() {
    }

    static Result read(ObjectNode node, FieldReader reader, String path) throws CniException {
        List<Interface> interfaces = new ArrayList<>();
        String ifPath = FieldReader.path(path, "interfaces");
        List<JsonNode> ifs = reader.optArray(node, path, "interfaces");
        for (int i = 0; i < ifs.size(); i++) {
            String p = FieldReader.index(ifPath, i);
            ObjectNode o = reader.object(ifs.get(i), p);
            interfaces.add(new Interface(reader.optString(o, p, "name").orElse(""),
                    emptyToNull(reader.optString(o, p, "mac")),
                    reader.optInt(o, p, "mtu").orElse(null),
                    emptyToNull(reader.optString(o, p, "sandbox")),
                    emptyToNull(reader.optString(o, p, "socketPath")),
                    emptyToNull(reader.optString(o, p, "pciID"))));
        }
        List<IpConfig> ips = new ArrayList<>();
        String ipsPath = FieldReader.path(path, "ips");
        List<JsonNode> ipNodes = reader.optArray(node, path, "ips");
        for (int i = 0; i < ipNodes.size(); i++) {
            ips.add(readIp(ipNodes.get(i), reader, FieldReader.index(ipsPath, i), interfaces.size()));
        }
        List<Route> routes = new ArrayList<>();
        List<JsonNode> rs = reader.optArray(node, path, "routes");
        for (int i = 0; i < rs.size(); i++) {
            routes.add(RouteJson.read(rs.get(i), reader, FieldReader.index(FieldReader.path(path, "routes"), i)));
        }
        Optional<ObjectNode> dns = reader.optObject(node, path, "dns");
        return new Result(interfaces, ips, routes,
                dns.isEmpty() ? Dns.EMPTY : DnsJson.read(dns.get(), reader, FieldReader.path(path, "dns")));
    }

    private static IpConfig readIp(JsonNode node, FieldReader reader, String p, int interfaceCount)
            throws CniException {
        ObjectNode o = reader.object(node, p);
        IpPrefix address = reader.requiredPrefix(o, p, "address");
        // version is informative (0.3.x-0.4.0 write it); when given it must agree with the address
        Optional<String> version = reader.optString(o, p, "version");
        if (version.isPresent() && !version.get().equals(address.isIpv4() ? "4" : "6")) {
            throw reader.error(FieldReader.path(p, "version"), "\"" + version.get()
                    + "\" does not match address " + address);
        }
        Optional<Integer> index = reader.optInt(o, p, "interface");
        if (index.isPresent() && (index.get() < 0 || index.get() >= interfaceCount)) {
            throw reader.error(FieldReader.path(p, "interface"), "index " + index.get()
                    + " is not an entry of interfaces (" + interfaceCount + " entries)");
        }
        return new IpConfig(address, reader.optAddress(o, p, "gateway").orElse(null), index.orElse(null));
    }

    static ObjectNode write(Result r, CniVersion v) {
        ObjectNode out = Json.object();
        out.put("cniVersion", v.text());
        if (!r.interfaces().isEmpty()) {
            ArrayNode a = out.putArray("interfaces");
            r.interfaces().forEach(i -> a.add(interfaceJson(i, v)));
        }
        if (!r.ips().isEmpty()) {
            ArrayNode a = out.putArray("ips");
            r.ips().forEach(ip -> a.add(ipJson(ip, v)));
        }
        if (!r.routes().isEmpty()) {
            ArrayNode a = out.putArray("routes");
            r.routes().forEach(rt -> a.add(RouteJson.write(rt, v)));
        }
        out.set("dns", DnsJson.write(r.dns()));
        return out;
    }

    private static ObjectNode interfaceJson(Interface i, CniVersion v) {
        ObjectNode out = Json.object();
        out.put("name", i.name() == null ? "" : i.name());
        putNonEmpty(out, "mac", i.mac());
        boolean v11 = v.atLeast(CniVersion.V1_1_0);
        if (v11 && i.mtu() != null && i.mtu() != 0) {
            out.put("mtu", i.mtu());
        }
        putNonEmpty(out, "sandbox", i.sandbox());
        if (v11) {
            putNonEmpty(out, "socketPath", i.socketPath());
            putNonEmpty(out, "pciID", i.pciID());
        }
        return out;
    }

    private static ObjectNode ipJson(IpConfig ip, CniVersion v) {
        ObjectNode out = Json.object();
        if (!v.atLeast(CniVersion.V1_0_0)) {
            out.put("version", ip.isIpv4() ? "4" : "6");
        }
        if (ip.interfaceIndex() != null) {
            out.put("interface", ip.interfaceIndex());
        }
        out.put("address", ip.address().toString());
        if (ip.gateway() != null) {
            out.put("gateway", IpText.format(ip.gateway()));
        }
        return out;
    }

    private static void putNonEmpty(ObjectNode out, String key, String value) {
        if (value != null && !value.isEmpty()) {
            out.put(key, value);
        }
    }

    private static String emptyToNull(Optional<String> s) {
        return s.filter(x -> !x.isEmpty()).orElse(null);
    }
}
