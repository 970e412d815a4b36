package io.jcni.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What one pod's ADD left in the kernel, as text that compares equal across two sandbox hosts: the
 * bridge, the host port, routes, sysctls and NAT rules of the host, and the pod's interface,
 * addresses and routes. Names and values that differ by nature between runs (MACs, the host veth's
 * name, interface indexes, the pod's netns path) are replaced by placeholders.
 */
public record KernelSnapshot(Map<String, String> parts) {
    private static final Pattern MAC = Pattern.compile("\\b([0-9a-f]{2}:){5}[0-9a-f]{2}\\b");
    /** Packet counters (iptables-save's [p:b], nft's "counter packets p bytes b") move with traffic. */
    private static final Pattern COUNTERS = Pattern.compile("\\[\\d+:\\d+\\]|(?<=counter) packets \\d+ bytes \\d+");
    /** Bridge port flags that a plugin sets or should leave alone (state and ids are left out). */
    private static final List<String> PORT_FLAGS = List.of("mtu", "master", "hairpin", "guard", "root_block",
            "fastleave", "learning", "flood", "mcast_flood", "bcast_flood", "neigh_suppress", "isolated", "locked");

    public static KernelSnapshot of(SandboxHost host, Pod pod, AddResult result) {
        String veth = result.hostVeth();
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("bridge addresses", String.join(" ", Inspect.addresses(host, BridgeConflist.BRIDGE)));
        parts.put("bridge ipv4", ipv4Lines(host, BridgeConflist.BRIDGE));
        parts.put("bridge mtu", Inspect.link(host, BridgeConflist.BRIDGE).path("mtu").asText());
        ObjectNode port = Json.object();
        JsonNode actual = Inspect.bridgePort(host, veth);
        PORT_FLAGS.forEach(flag -> port.set(flag, actual.path(flag)));
        parts.put("host port", port.toString());
        parts.put("host veth mtu", Inspect.link(host, veth).path("mtu").asText());
        parts.put("host veth txqlen", Inspect.link(host, veth).path("txqlen").asText());
        parts.put("host routes", host.exec("ip", "-4", "route").orFail().stdout()
                + host.exec("ip", "-6", "route").orFail().stdout());
        for (String key : List.of("net.ipv4.ip_forward", "net.ipv6.conf.all.forwarding",
                "net.ipv6.conf." + BridgeConflist.BRIDGE + ".accept_ra")) {
            parts.put("host " + key, Inspect.sysctl(host, key));
        }
        parts.put("host nat", host.exec("iptables-save", "-t", "nat").orFail().stdout()
                + host.exec("ip6tables-save", "-t", "nat").orFail().stdout());
        parts.put("host nft", host.exec("nft", "list", "ruleset").orFail().stdout());
        parts.put("pod links", String.join(" ", Inspect.links(pod)));
        parts.put("pod addresses", String.join(" ", Inspect.addresses(pod, "eth0")));
        parts.put("pod ipv4", ipv4Lines(pod, "eth0"));
        parts.put("pod mtu", Inspect.link(pod, "eth0").path("mtu").asText());
        parts.put("pod txqlen", Inspect.link(pod, "eth0").path("txqlen").asText());
        parts.put("pod routes", pod.exec("ip", "-4", "route").orFail().stdout()
                + pod.exec("ip", "-6", "route").orFail().stdout());
        parts.put("pod arp_notify", Inspect.sysctl(pod, "net.ipv4.conf.eth0.arp_notify"));
        parts.replaceAll((k, v) -> normalize(v, veth, pod));
        return new KernelSnapshot(parts);
    }

    /** {@code ip -4 -o addr} of an interface without its index: address, broadcast, scope, lifetimes. */
    private static String ipv4Lines(Netns ns, String iface) {
        return ns.exec("ip", "-4", "-o", "addr", "show", "dev", iface).orFail().stdout().replaceAll("(?m)^\\d+: ", "");
    }

    /** The ADD result with the same placeholders, for comparing results of two plugins. */
    public static String normalizedResult(AddResult result, Pod pod) {
        return normalize(Json.write(result.json()), result.hostVeth(), pod);
    }

    private static String normalize(String text, String veth, Pod pod) {
        String out = text.replace(veth, "<host-veth>").replace(pod.netnsPath().toString(), "<netns>");
        out = MAC.matcher(out).replaceAll("<mac>");
        out = COUNTERS.matcher(out).replaceAll("");
        return out.lines().filter(l -> !l.startsWith("#")).map(String::strip)
                .reduce("", (a, b) -> a + b + "\n");
    }
}
