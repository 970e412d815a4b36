package io.jcni.manager.inventory;

import io.jcni.conf.result.IpText;
import io.jcni.plugin.rules.IptablesDump;
import io.jcni.plugin.rules.IptablesTool;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostRulesTest {
    // as iptables-save prints what the reference bridge (ipMasq) and portmap wrote for one pod
    private static final String NAT = """
            *nat
            :PREROUTING ACCEPT [0:0]
            :POSTROUTING ACCEPT [0:0]
            :CNI-5eeb5ed4788df100133df7ff - [0:0]
            :CNI-DN-5eeb5ed4788df100133df - [0:0]
            :CNI-HOSTPORT-DNAT - [0:0]
            -A POSTROUTING -s 10.77.0.2/32 -m comment --comment "name: \\"refnet\\" id: \\"c-p1\\"" -j CNI-5eeb5ed4788df100133df7ff
            -A CNI-5eeb5ed4788df100133df7ff -d 10.77.0.0/24 -m comment --comment "name: \\"refnet\\" id: \\"c-p1\\"" -j ACCEPT
            -A CNI-5eeb5ed4788df100133df7ff ! -d 224.0.0.0/4 -m comment --comment "name: \\"refnet\\" id: \\"c-p1\\"" -j MASQUERADE
            -A CNI-HOSTPORT-DNAT -p tcp -m comment --comment "dnat name: \\"refnet\\" id: \\"c-p1\\"" -m multiport --dports 8080 -j CNI-DN-5eeb5ed4788df100133df
            -A CNI-HOSTPORT-DNAT -p tcp -m comment --comment "somebody else" -j ACCEPT
            COMMIT
            """;
    private static final String FILTER = """
            *filter
            :CNI-FORWARD - [0:0]
            -A CNI-FORWARD -m comment --comment "CNI firewall plugin admin overrides" -j CNI-ADMIN
            -A CNI-FORWARD -d 10.77.0.2/32 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
            -A CNI-FORWARD -s 10.77.0.2/32 -j ACCEPT
            COMMIT
            """;

    @Test
    void natRulesAreAttributedByTheirCommentsToMasqueradeAndPortmap() {
        List<HostRule> out = new ArrayList<>();
        HostRules.nat(IptablesDump.parse(NAT), IptablesTool.Family.V4, out);
        AttachmentKey owner = new AttachmentKey("refnet", "c-p1", "");
        assertEquals(List.of(
                HostRule.of(RuleKind.MASQUERADE, "iptables nat CNI-5eeb5ed4788df100133df7ff", owner),
                HostRule.of(RuleKind.PORTMAP, "iptables nat CNI-DN-5eeb5ed4788df100133df", owner)), out);
        assertTrue(out.get(0).belongsTo(new AttachmentKey("refnet", "c-p1", "eth0"), List.of()));
        assertFalse(out.get(0).belongsTo(new AttachmentKey("refnet", "c-p2", "eth0"), List.of()));
        assertFalse(out.get(0).belongsTo(new AttachmentKey("other", "c-p1", "eth0"), List.of()));
        assertFalse(out.get(0).belongsTo(new AttachmentKey("refnet", "", "eth0"), List.of()),
                "a veth nobody can name must not claim every rule of its network");
    }

    @Test
    void firewallRulesAreAttributedByPodAddress() {
        List<HostRule> out = new ArrayList<>();
        HostRules.filter(IptablesDump.parse(FILTER), IptablesTool.Family.V4, out);
        assertEquals(1, out.size());
        HostRule r = out.get(0);
        assertEquals(RuleKind.FIREWALL, r.kind());
        assertEquals(Optional.of(IpText.parse("10.77.0.2")), r.address());
        assertTrue(r.belongsTo(new AttachmentKey("x", "y", "eth0"), List.of(IpText.parse("10.77.0.2"))));
        assertFalse(r.belongsTo(new AttachmentKey("x", "y", "eth0"), List.of(IpText.parse("10.77.0.3"))));
    }
}
