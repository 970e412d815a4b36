package io.jcni.plugin.bridge.firewall;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The nat table as {@code iptables-save -t nat} prints it: declared chains and rule lines. Rule
 * lines stay in the tool's canonical text, which is also what {@code iptables-restore} accepts, so
 * a rule is deleted by replacing its {@code -A} with {@code -D}.
 */
public record IptablesDump(Set<String> chains, List<String> rules) {
    public static IptablesDump parse(String saveOutput) {
        Set<String> chains = new LinkedHashSet<>();
        List<String> rules = new ArrayList<>();
        for (String line : saveOutput.split("\n")) {
            if (line.startsWith(":")) {
                int sp = line.indexOf(' ');
                chains.add(sp < 0 ? line.substring(1) : line.substring(1, sp));
            } else if (line.startsWith("-A ")) {
                rules.add(line);
            }
        }
        return new IptablesDump(chains, List.copyOf(rules));
    }

    /** Rules of {@code chain}, in order. */
    public List<String> rulesOf(String chain) {
        String prefix = "-A " + chain + " ";
        return rules.stream().filter(r -> r.startsWith(prefix)).toList();
    }

    /** Rules of {@code chain} that jump to {@code target}. */
    public List<String> jumps(String chain, String target) {
        return rulesOf(chain).stream().filter(r -> r.endsWith(" -j " + target)).toList();
    }

    /** The text of a rule's {@code --comment}, unescaped, if it has one. */
    public static Optional<String> comment(String rule) {
        int at = rule.indexOf(" --comment ");
        if (at < 0) {
            return Optional.empty();
        }
        int i = at + " --comment ".length();
        if (i >= rule.length() || rule.charAt(i) != '"') {
            // iptables-save quotes only comments with spaces or quotes; ours always have spaces.
            int end = rule.indexOf(' ', i);
            return Optional.of(end < 0 ? rule.substring(i) : rule.substring(i, end));
        }
        StringBuilder sb = new StringBuilder();
        for (i++; i < rule.length(); i++) {
            char c = rule.charAt(i);
            if (c == '\\' && i + 1 < rule.length()) {
                sb.append(rule.charAt(++i));
            } else if (c == '"') {
                return Optional.of(sb.toString());
            } else {
                sb.append(c);
            }
        }
        return Optional.empty();
    }

    /** A comment as {@code iptables-restore} reads it back: quoted, with {@code \} and {@code "} escaped. */
    public static String quoteComment(String comment) {
        return "\"" + comment.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
