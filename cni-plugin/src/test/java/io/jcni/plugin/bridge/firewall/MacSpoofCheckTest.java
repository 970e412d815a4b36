package io.jcni.plugin.bridge.firewall;

import io.jcni.netlink.ns.NetNamespace;
import io.jcni.netlink.MacAddress;
import io.jcni.netlink.testing.ScratchNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rule shapes against the kernel in a scratch namespace; the traffic effect is tested with the plugin. */
class MacSpoofCheckTest {
    private ScratchNamespace host;
    private NetNamespace hostNs;
    private MacSpoofCheck check;
    private final MacAddress mac = MacAddress.parse("0a:58:0a:16:00:05");

    @BeforeEach
    void setUp() {
        host = ScratchNamespace.create("br-msc");
        hostNs = NetNamespace.open(host.path());
        check = new MacSpoofCheck(hostNs);
    }

    @AfterEach
    void tearDown() {
        hostNs.close();
        host.close();
    }

    private String table() {
        return host.status("nft", "list", "table", "bridge", "nat") == 0 ? host.exec("nft", "list", "table", "bridge", "nat") : "";
    }

    @Test
    void addWritesTheReferenceChainsAndDelRemovesThem() throws Exception {
        check.add("ctr-1", "eth0", "veth01234567", mac);
        String t = table();
        assertTrue(t.contains("type filter hook prerouting priority dstnat; policy accept;"), t);
        assertTrue(t.contains("iifname \"veth01234567\" jump cni-br-iface-ctr-1-eth0 comment \"macspoofchk-ctr-1-eth0\""), t);
        assertTrue(t.contains("chain cni-br-iface-ctr-1-eth0 {\n\t\tjump cni-br-iface-ctr-1-eth0-mac comment \"macspoofchk-ctr-1-eth0\""), t);
        assertTrue(t.contains("ether saddr 0a:58:0a:16:00:05 return comment \"macspoofchk-ctr-1-eth0\"\n"
                + "\t\tdrop comment \"macspoofchk-ctr-1-eth0\""), t);
        check.del("ctr-1", "eth0");
        t = table();
        assertFalse(t.contains("cni-br-iface-ctr-1-eth0"), t);
        assertFalse(t.contains("macspoofchk"), t);
    }

    @Test
    void delLeavesOtherAttachmentsAndIsIdempotent() throws Exception {
        check.del("ctr-1", "eth0");
        check.add("ctr-1", "eth0", "veth01234567", mac);
        check.add("ctr-2", "eth0", "veth89abcdef", MacAddress.parse("0a:58:0a:16:00:06"));
        check.del("ctr-1", "eth0");
        check.del("ctr-1", "eth0");
        String t = table();
        assertFalse(t.contains("ctr-1"), t);
        assertTrue(t.contains("iifname \"veth89abcdef\" jump cni-br-iface-ctr-2-eth0"), t);
        assertEquals(1, t.split("drop comment", -1).length - 1, t);
    }

    @Test
    void repeatedAddDoesNotStackChainRules() throws Exception {
        check.add("ctr-1", "eth0", "veth01234567", mac);
        check.add("ctr-1", "eth0", "veth01234567", mac);
        String t = table();
        assertEquals(1, t.split("drop comment", -1).length - 1, t);
        check.del("ctr-1", "eth0");
        assertFalse(table().contains("ctr-1"), table());
    }

    /** The reference writes these through the nft tool (go-nft); ours removes them by name and comment. */
    @Test
    void delRemovesWhatTheReferenceWrote() throws Exception {
        host.execInput("""
                add table bridge nat
                add chain bridge nat PREROUTING { type filter hook prerouting priority -300 ; policy accept ; }
                add chain bridge nat cni-br-iface-ctr-9-eth0
                add chain bridge nat cni-br-iface-ctr-9-eth0-mac
                add rule bridge nat PREROUTING iifname "veth0000aaaa" jump cni-br-iface-ctr-9-eth0 comment "macspoofchk-ctr-9-eth0"
                add rule bridge nat cni-br-iface-ctr-9-eth0 jump cni-br-iface-ctr-9-eth0-mac comment "macspoofchk-ctr-9-eth0"
                add rule bridge nat cni-br-iface-ctr-9-eth0-mac ether saddr 0a:58:0a:16:00:09 return comment "macspoofchk-ctr-9-eth0"
                add rule bridge nat cni-br-iface-ctr-9-eth0-mac drop comment "macspoofchk-ctr-9-eth0"
                """, "nft", "-f", "-");
        check.del("ctr-9", "eth0");
        String t = table();
        assertFalse(t.contains("ctr-9"), t);
        assertTrue(t.contains("chain PREROUTING"), t);
    }

    @Test
    void gcRemovesChecksWhoseHostVethIsGone() throws Exception {
        check.add("ctr-1", "eth0", "veth01234567", mac);
        check.add("ctr-2", "eth0", "veth89abcdef", MacAddress.parse("0a:58:0a:16:00:06"));
        check.gcOrphans(java.util.Set.of("lo", "veth89abcdef"));
        String t = table();
        assertFalse(t.contains("ctr-1"), t);
        assertTrue(t.contains("iifname \"veth89abcdef\" jump cni-br-iface-ctr-2-eth0"), t);
    }
}
