package io.jcni.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

/** What a dual-stack pod's DEL must leave behind on the host: nothing. */
final class Leftovers {
    private Leftovers() {
    }

    /** No veth on the host, no address reserved, no NAT rule naming either of the pod's addresses. */
    static void assertNone(SandboxHost host, BridgeConflist net, AddResult added) {
        assertEquals(List.of(), Inspect.links(host, "veth"));
        assertEquals(List.of(), Inspect.reservations(net.reservations()));
        assertFalse(Inspect.natRulesMention(host, added.ip(false)), Inspect.natRules(host));
        assertFalse(Inspect.natRulesMention(host, added.ip(true)), Inspect.natRules(host));
    }
}
