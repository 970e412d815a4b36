package io.jcni.plugin.firewall;

import io.jcni.plugin.rules.IptablesDump;

/**
 * {@code ingressPolicy: same-bridge} for iptables, as the reference writes it: FORWARD jumps first
 * to {@code CNI-ISOLATION-STAGE-1}, which sends traffic from the bridge to anywhere else on to
 * {@code CNI-ISOLATION-STAGE-2}, which drops what leaves through another such bridge. Every rule
 * carries the same comment. Per-bridge rules stay on DEL (other pods may use the bridge), as in
 * the reference.
 */
final class SameBridgeIsolation {
    static final String STAGE_1 = "CNI-ISOLATION-STAGE-1";
    static final String STAGE_2 = "CNI-ISOLATION-STAGE-2";
    static final String COMMENT = "CNI firewall plugin rules (ingressPolicy: same-bridge)";

    private SameBridgeIsolation() {
    }

    /** Adds what is missing; the FORWARD jump goes above CNI-FORWARD's. */
    static void addTo(IptablesScript s, IptablesDump d, String bridge) {
        String c = IptablesScript.comment(COMMENT);
        s.createChainUnlessIn(d, STAGE_1)
                .createChainUnlessIn(d, STAGE_2)
                .insertFirstUnlessIn(d, IptablesScript.rule(IptablesFirewall.FORWARD, c + " -j " + STAGE_1))
                .insertFirstUnlessIn(d, IptablesScript.rule(STAGE_1, "-i " + bridge + " ! -o " + bridge + " " + c + " -j " + STAGE_2))
                .appendUnlessIn(d, IptablesScript.rule(STAGE_1, c + " -j RETURN"))
                .insertFirstUnlessIn(d, IptablesScript.rule(STAGE_2, "-o " + bridge + " " + c + " -j DROP"))
                .appendUnlessIn(d, IptablesScript.rule(STAGE_2, c + " -j RETURN"));
    }
}
