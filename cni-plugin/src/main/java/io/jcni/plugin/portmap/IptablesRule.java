package io.jcni.plugin.portmap;

import java.util.List;
import java.util.Optional;

/**
 * One rule in a chain: the arguments it is added with (in the reference's order, as its
 * {@code iptables -A} got them) and, when it can be known without asking iptables, the line
 * {@code iptables-save} prints for it, which is what DEL/CHECK compare against. A rule with
 * free-form arguments from the config ({@code conditionsV4}) has no known saved form.
 */
record IptablesRule(String chain, List<String> args, Optional<String> saved) {
    IptablesRule {
        args = List.copyOf(args);
    }

    /** The {@code iptables-restore} line that appends the rule. */
    String append() {
        return "-A " + chain + " " + IptablesArgs.line(args);
    }

    /** The {@code iptables-restore} line that inserts the rule first in its chain. */
    String insertFirst() {
        return "-I " + chain + " 1 " + IptablesArgs.line(args);
    }
}
