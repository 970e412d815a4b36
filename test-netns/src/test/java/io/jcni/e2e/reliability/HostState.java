package io.jcni.e2e.reliability;

import io.jcni.e2e.Netns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Everything of a sandbox host that a plugin call could leak, as comparable text: links (names,
 * kinds, addresses), routes, iptables (every table, both families), the nf_tables ruleset, qdiscs,
 * and the files under the state directories (name and content). Counters, dates and per-boot
 * values are masked so that two snapshots of an unchanged host compare equal.
 */
record HostState(Map<String, String> parts) {
    private static final Pattern COUNTERS = Pattern.compile("\\[\\d+:\\d+\\]|(?<=counter) packets \\d+ bytes \\d+");
    /** Carrier and DAD states follow whether any port is up: not what a plugin leaks. */
    private static final Pattern LINK_STATE = Pattern.compile("NO-CARRIER,|,LOWER_UP| state [A-Z]+| linkdown| tentative");
    private static final String SCRIPT = String.join("; ",
            "ip -o link show | sed -E 's/^[0-9]+: //; s/ link\\/ether [0-9a-f:]+ brd [0-9a-f:]+//'",
            "echo ===addr", "ip -o addr show | sed -E 's/^[0-9]+: //; s/valid_lft.*//'",
            "echo ===route", "ip route; ip -6 route",
            "echo ===iptables", "iptables-save 2>/dev/null; ip6tables-save 2>/dev/null",
            "echo ===nft", "nft list ruleset",
            "echo ===tc", "tc qdisc show | sed -E 's/ refcnt [0-9]+//'");

    static HostState of(Netns host, Path... stateDirs) {
        String text = host.exec("sh", "-c", SCRIPT).orFail().stdout();
        Map<String, String> parts = new TreeMap<>();
        String section = "links";
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.startsWith("===")) {
                parts.put(section, current.toString());
                section = line.substring(3);
                current = new StringBuilder();
            } else if (!line.startsWith("#")) {
                current.append(LINK_STATE.matcher(COUNTERS.matcher(line).replaceAll("")).replaceAll("")).append('\n');
            }
        }
        parts.put(section, current.toString());
        for (Path dir : stateDirs) {
            parts.put("files " + dir, files(dir));
        }
        return new HostState(parts);
    }

    /** Every file under {@code dir} with its content; symbolic links by target. */
    static String files(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return "";
        }
        List<String> lines = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : walk.sorted().toList()) {
                String name = dir.relativize(f).toString();
                if (Files.isSymbolicLink(f)) {
                    lines.add(name + " -> " + Files.readSymbolicLink(f));
                } else if (name.contains("last_reserved_ip.")) {
                    lines.add(name); // round-robin position: moves by design
                } else if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    lines.add(name + " = " + new String(Files.readAllBytes(f), StandardCharsets.UTF_8).replace("\r\n", "|"));
                } else {
                    lines.add(name + "/");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return String.join("\n", lines);
    }

    /** The parts that differ from {@code before}, each as before and after, for a failure message. */
    String diff(HostState before) {
        StringBuilder out = new StringBuilder();
        parts.forEach((k, v) -> {
            String old = before.parts.getOrDefault(k, "");
            if (!old.equals(v)) {
                out.append("--- ").append(k).append(" before:\n").append(old).append("\n--- after:\n").append(v).append('\n');
            }
        });
        return out.toString();
    }
}
