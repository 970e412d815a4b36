package io.jcni.netlink.bridge;

import io.jcni.netlink.socket.NetlinkProtocol;
import io.jcni.netlink.socket.NetlinkSocket;
import io.jcni.netlink.sys.Errno;
import io.jcni.netlink.sys.ErrnoException;
import io.jcni.netlink.testing.ScratchNamespace;
import io.jcni.netlink.testing.ScratchNamespaceExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Port flags and the kernel's refusal of VLANs, in scratch namespaces, with iproute2 as the oracle. */
@ExtendWith(ScratchNamespaceExtension.class)
class BridgePortsKernelTest {

    @Test
    void setsEveryPortFlagAndReadsItBack(ScratchNamespace ns) {
        IpCli.bridgeWithPort(ns);
        int port = IpCli.index(ns, "v0");
        int bridge = IpCli.index(ns, "br0");
        try (NetlinkSocket socket = ns.namespace().openSocket(NetlinkProtocol.ROUTE)) {
            BridgePorts ports = new BridgePorts(socket);
            assertEquals(new BridgePort(port, bridge, false, false, true, true, true, true), ports.get(port));

            ports.set(port, BridgePortFlags.unchanged().withHairpin(true).withIsolated(true).withLearning(false).withFlood(false));
            assertEquals(new BridgePort(port, bridge, true, true, false, false, false, false), ports.get(port));
            String shown = IpCli.bridge(ns, "-d", "link", "show", "dev", "v0");
            for (String expected : List.of("hairpin on", "isolated on", "learning off", " flood off", "mcast_flood off", "bcast_flood off")) {
                assertTrue(shown.contains(expected), "bridge link show lacks '" + expected + "': " + shown);
            }

            ports.set(port, BridgePortFlags.unchanged().withHairpin(false).withMulticastFlood(true));
            assertEquals(new BridgePort(port, bridge, false, true, false, false, true, false), ports.get(port));
        }
    }

    @Test
    void aLinkThatIsNoPortHasNoFlagsAndRefusesThemByName(ScratchNamespace ns) {
        IpCli.bridgeWithPort(ns);
        int peer = IpCli.index(ns, "v1");
        try (NetlinkSocket socket = ns.namespace().openSocket(NetlinkProtocol.ROUTE)) {
            BridgePorts ports = new BridgePorts(socket);
            assertEquals(Optional.empty(), ports.find(peer));
            ErrnoException e = assertThrows(ErrnoException.class,
                    () -> ports.set(peer, BridgePortFlags.unchanged().withHairpin(true)));
            assertEquals("set bridge port hairpin on", e.operation());
            assertEquals("port v1 (index " + peer + ")", e.object());
            ErrnoException missing = assertThrows(ErrnoException.class, () -> ports.get(peer));
            assertEquals(Errno.ENODEV, missing.errno());
            assertEquals("link v1 (index " + peer + ")", missing.object());
        }
    }

    @Test
    void vlanChangesOnAKernelWithoutVlanFilteringFailNamingOperationAndPort(ScratchNamespace ns) {
        IpCli.bridgeWithPort(ns);
        int port = IpCli.index(ns, "v0");
        int bridge = IpCli.index(ns, "br0");
        try (NetlinkSocket socket = ns.namespace().openSocket(NetlinkProtocol.ROUTE)) {
            BridgeVlans vlans = new BridgeVlans(socket);
            ErrnoException add = assertThrows(ErrnoException.class, () -> vlans.add(port, BridgeVlan.access(100)));
            assertEquals(Errno.EOPNOTSUPP, add.errno());
            assertEquals("add bridge vlan vid 100 pvid untagged", add.operation());
            assertEquals("port v0 (index " + port + ")", add.object());
            assertTrue(add.getMessage().startsWith("add bridge vlan vid 100 pvid untagged port v0 (index " + port + ") failed: EOPNOTSUPP"),
                    add.getMessage());

            ErrnoException filtering = assertThrows(ErrnoException.class, () -> vlans.setVlanFiltering(bridge, true));
            assertEquals(Errno.EOPNOTSUPP, filtering.errno());
            assertEquals("set bridge vlan_filtering 1", filtering.operation());
            assertEquals("bridge br0 (index " + bridge + ")", filtering.object());

            // The read-back dump works here; the port simply has no VLANs.
            assertEquals(List.of(), vlans.list(port));
        }
        assertTrue(IpCli.ip(ns, "-d", "link", "show", "dev", "br0").contains("vlan_filtering 0"));
    }
}
