package io.jcni.plugin.bridge;

import io.jcni.plugin.kernel.HostErrors;
import io.jcni.plugin.kernel.HostSide;
import io.jcni.plugin.kernel.Rollback;
import io.jcni.conf.CniException;
import io.jcni.conf.result.IpPrefix;
import io.jcni.netlink.link.Link;
import io.jcni.netlink.testing.ScratchNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The VLAN gateway's links in a scratch host namespace. This kernel has no bridge VLAN filtering,
 * so creating one must fail at its port's VLANs, naming {@code vlan}, and the rollback must take
 * the pair away again; an existing link of the name is reused untouched.
 */
class VlanGatewayLinkTest {
    private ScratchNamespace ns;
    private static final String BRIDGE = "jtvg0";

    @BeforeEach
    void setUp() {
        ns = ScratchNamespace.create("vlangw");
        ns.exec("ip", "link", "add", BRIDGE, "type", "bridge");
    }

    @AfterEach
    void tearDown() {
        ns.close();
    }

    private VlanGateway plan(boolean preserveDefaultVlan) throws Exception {
        String name = VlanGateway.name(BRIDGE, 12);
        return new VlanGateway(BRIDGE, 12, name, HostVethName.ofVlanGateway(name), preserveDefaultVlan,
                List.of(new IpPrefix(InetAddress.getByName("10.98.0.1"), 24)));
    }

    @Test
    void aNewGatewayIsRefusedAtItsVlansNamingTheOptionAndRolledBack() throws Exception {
        for (boolean preserve : new boolean[] {true, false}) {
            VlanGateway gw = plan(preserve);
            try (HostSide host = HostSide.open(Optional.of(ns.path()), Map.of())) {
                Link br = host.nl().links().get(BRIDGE);
                Rollback rollback = new Rollback();
                CniException e = assertThrows(CniException.class, () -> VlanGatewayLink.ensure(host, br, gw, false, rollback));
                // Made and attached before the VLAN change failed; the ADD's rollback removes it.
                assertTrue(ns.exec("ip", "link", "show", gw.peer()).contains("master " + BRIDGE));
                assertEquals(0, ns.status("ip", "link", "show", gw.name()));
                rollback.close();
                assertEquals(HostErrors.UNSUPPORTED_BY_KERNEL, e.code());
                assertTrue(e.msg().startsWith("vlan: needs bridge VLAN filtering"), e.msg());
                assertTrue(e.msg().contains(gw.peer()), e.msg());
            }
            assertEquals(1, ns.status("ip", "link", "show", gw.name()));
            assertEquals(1, ns.status("ip", "link", "show", gw.peer()));
        }
    }

    @Test
    void anExistingLinkOfTheNameIsReusedAndNotRolledBack() throws Exception {
        VlanGateway gw = plan(false);
        ns.exec("ip", "link", "add", gw.name(), "type", "veth", "peer", "name", "jtvgother");
        try (HostSide host = HostSide.open(Optional.of(ns.path()), Map.of())) {
            Link br = host.nl().links().get(BRIDGE);
            try (Rollback rollback = new Rollback()) {
                Link l = VlanGatewayLink.ensure(host, br, gw, false, rollback);
                assertEquals(gw.name(), l.name());
                assertEquals(Optional.of("veth"), l.kind());
                assertTrue(l.masterIndex().isEmpty(), "reused as it is, not attached");
            }
        }
        assertEquals(0, ns.status("ip", "link", "show", gw.name()));
        assertEquals(1, ns.status("ip", "link", "show", gw.peer()));
    }
}
