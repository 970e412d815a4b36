package io.jcni.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads kernel and IPAM state the tests assert on, through the same tools an operator would use. */
public final class Inspect {
    private Inspect() {
    }

    /** Names of all links in a namespace. */
    public static List<String> links(Netns ns) {
        List<String> names = new ArrayList<>();
        ipJson(ns, "link", "show").forEach(l -> names.add(l.path("ifname").asText()));
        return names;
    }

    /** Names of the links of one kind ({@code veth}, {@code bridge}) in a namespace. */
    public static List<String> links(Netns ns, String kind) {
        List<String> names = new ArrayList<>();
        ipJson(ns, "link", "show", "type", kind).forEach(l -> names.add(l.path("ifname").asText()));
        return names;
    }

    /** One link as {@code ip -d -j link show} describes it (mtu, master, operstate, ...). */
    public static JsonNode link(Netns ns, String name) {
        return ipJson(ns, "-d", "link", "show", "dev", name).get(0);
    }

    /** The addresses (with prefix length) of an interface, of both families, link-local ones left out. */
    public static List<String> addresses(Netns ns, String iface) {
        List<String> addresses = new ArrayList<>();
        for (JsonNode info : ipJson(ns, "addr", "show", "dev", iface).get(0).path("addr_info")) {
            if (!"link".equals(info.path("scope").asText())) {
                addresses.add(info.path("local").asText() + "/" + info.path("prefixlen").asInt());
            }
        }
        return addresses;
    }

    /** A bridge port as {@code bridge -d link} shows it: hairpin, isolated, learning, ... */
    public static JsonNode bridgePort(Netns ns, String port) {
        JsonNode ports = Json.parse(ns.exec("bridge", "-j", "-d", "link", "show", "dev", port).orFail().stdout());
        return ports.get(0);
    }

    /** Every NAT rule of the namespace, as iptables (both families) and nft list them. */
    public static String natRules(Netns ns) {
        return ns.exec("iptables-save", "-t", "nat").orFail().stdout()
                + ns.exec("ip6tables-save", "-t", "nat").orFail().stdout()
                + ns.exec("nft", "list", "ruleset").orFail().stdout();
    }

    /** Whether some NAT rule names this pod address (the masquerade rules match on it). */
    public static boolean natRulesMention(Netns ns, String address) {
        return Pattern.compile("(?<![0-9a-fA-F.:])" + Pattern.quote(address) + "(?![0-9a-fA-F.:])")
                .matcher(natRules(ns)).find();
    }

    /** The addresses host-local holds in a network's store (its lock and round-robin files left out). */
    public static List<String> reservations(Path store) {
        if (!Files.isDirectory(store)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(store)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> !n.equals("lock") && !n.startsWith("last_reserved_ip"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sysctl as seen from inside a namespace (/proc/sys/net follows the reader's namespace). */
    public static String sysctl(Netns ns, String key) {
        return ns.exec("cat", "/proc/sys/" + key.replace('.', '/')).orFail().stdout().strip();
    }

    private static JsonNode ipJson(Netns ns, String... args) {
        List<String> command = new ArrayList<>(List.of("ip", "-j"));
        command.addAll(List.of(args));
        return Json.parse(ns.exec(command.toArray(String[]::new)).orFail().stdout());
    }
}
