package io.jcni.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What traffic shaping left on a sandbox host, as text comparable across hosts: every qdisc with
 * its parameters, the filters on the host veth's ingress, and the ifb devices (name, MTU, state,
 * queue length). The host veth's name becomes a placeholder; tc's global action indexes are dropped.
 */
public record TcSnapshot(Map<String, String> parts) {
    private static final Pattern ACTION_INDEX = Pattern.compile("index \\d+ ref \\d+ bind \\d+");

    public static TcSnapshot of(Netns host, String hostVeth) {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("qdiscs", host.exec("tc", "-d", "qdisc", "show").orFail().stdout());
        parts.put("host veth ingress filters", host.exec("tc", "filter", "show", "dev", hostVeth, "ingress").orFail().stdout());
        StringBuilder ifbs = new StringBuilder();
        for (String name : Inspect.links(host, "ifb")) {
            JsonNode l = Inspect.link(host, name);
            ifbs.append(name).append(" mtu ").append(l.path("mtu")).append(" flags ").append(l.path("flags"))
                    .append(" operstate ").append(l.path("operstate").asText()).append(" txqlen ").append(l.path("txqlen"))
                    .append(" qdisc ").append(l.path("qdisc").asText()).append('\n');
        }
        parts.put("ifb links", ifbs.toString());
        parts.replaceAll((k, v) -> ACTION_INDEX.matcher(v.replace(hostVeth, "<host-veth>")).replaceAll("index N"));
        return new TcSnapshot(parts);
    }

    /** Qdiscs other than the kernel's defaults ({@code noqueue}, {@code pfifo_fast}...): what shaping added. */
    public static List<String> shapingQdiscs(Netns host) {
        return host.exec("tc", "qdisc", "show").orFail().stdout().lines()
                .filter(l -> l.startsWith("qdisc tbf") || l.startsWith("qdisc htb") || l.startsWith("qdisc ingress")
                        || l.startsWith("qdisc clsact"))
                .toList();
    }
}
