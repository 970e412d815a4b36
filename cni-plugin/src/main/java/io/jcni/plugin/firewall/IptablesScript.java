package io.jcni.plugin.firewall;

import io.jcni.plugin.rules.IptablesDump;

import java.util.ArrayList;
import java.util.List;

/**
 * Input for {@code iptables-restore --noflush} on one table, built from rules in
 * {@code iptables-save}'s canonical text ({@code -A CHAIN SPEC}) so the same strings serve for
 * comparing with a dump and for changing. Chains are created with {@code -N} rather than declared
 * ({@code :CHAIN}), because a declaration flushes an existing chain, which would wipe rules a
 * concurrent call just added; a {@code -N} racing with another makes the restore fail instead,
 * and the caller re-reads and retries. Generic: belongs with the shared rule code.
 */
final class IptablesScript {
    private final String table;
    private final List<String> lines = new ArrayList<>();

    IptablesScript(String table) {
        this.table = table;
    }

    /** {@code -A CHAIN SPEC}: a rule as iptables-save prints it. */
    static String rule(String chain, String spec) {
        return "-A " + chain + " " + spec;
    }

    /** {@code -m comment --comment "TEXT"}, quoted as iptables-save prints a comment with spaces. */
    static String comment(String text) {
        return "-m comment --comment " + IptablesDump.quoteComment(text);
    }

    IptablesScript createChainUnlessIn(IptablesDump d, String chain) {
        if (!d.chains().contains(chain)) {
            lines.add("-N " + chain);
        }
        return this;
    }

    /** Inserts {@code rule} (an {@code -A} line) at the top of its chain unless the dump has it. */
    IptablesScript insertFirstUnlessIn(IptablesDump d, String rule) {
        if (!d.rules().contains(rule)) {
            int sp = rule.indexOf(' ', 3);
            lines.add("-I " + rule.substring(3, sp) + " 1" + rule.substring(sp));
        }
        return this;
    }

    /** Appends {@code rule} unless the dump has it. */
    IptablesScript appendUnlessIn(IptablesDump d, String rule) {
        if (!d.rules().contains(rule)) {
            lines.add(rule);
        }
        return this;
    }

    /** Deletes every copy of {@code rule} the dump shows. */
    IptablesScript deleteAllIn(IptablesDump d, String rule) {
        for (String r : d.rules()) {
            if (r.equals(rule)) {
                lines.add("-D" + rule.substring(2));
            }
        }
        return this;
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }

    String text() {
        return "*" + table + "\n" + String.join("\n", lines) + "\nCOMMIT\n";
    }
}
