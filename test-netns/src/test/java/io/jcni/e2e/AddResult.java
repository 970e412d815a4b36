package io.jcni.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/** The result an ADD printed (through libcni, in the conflist's cniVersion), read as JSON. */
public record AddResult(JsonNode json) {

    public String cniVersion() {
        return json.path("cniVersion").asText();
    }

    public List<JsonNode> interfaces() {
        List<JsonNode> list = new ArrayList<>();
        json.path("interfaces").forEach(list::add);
        return list;
    }

    public List<JsonNode> ips() {
        List<JsonNode> list = new ArrayList<>();
        json.path("ips").forEach(list::add);
        return list;
    }

    /** The pod's address of one family with its prefix length, e.g. {@code 10.22.0.2/24}. */
    public String address(boolean ipv6) {
        return ips().stream().map(ip -> ip.path("address").asText())
                .filter(a -> a.contains(":") == ipv6).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no " + (ipv6 ? "IPv6" : "IPv4") + " address in " + json));
    }

    /** The pod's address of one family without the prefix length. */
    public String ip(boolean ipv6) {
        String address = address(ipv6);
        return address.substring(0, address.indexOf('/'));
    }

    public String gateway(boolean ipv6) {
        return ips().stream().filter(ip -> ip.path("address").asText().contains(":") == ipv6)
                .map(ip -> ip.path("gateway").asText()).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no " + (ipv6 ? "IPv6" : "IPv4") + " gateway in " + json));
    }

    /** The host end of the pod's veth pair: the {@code veth...} interface without a sandbox. */
    public String hostVeth() {
        return interfaces().stream()
                .filter(i -> !i.has("sandbox") && i.path("name").asText().startsWith("veth"))
                .map(i -> i.path("name").asText()).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no host veth in " + json));
    }
}
