package io.jcni.netlink.nftables;

import io.jcni.netlink.MacAddress;
import io.jcni.netlink.sys.Errno;
import io.jcni.netlink.sys.ErrnoException;
import io.jcni.netlink.testing.ScratchNamespace;
import io.jcni.netlink.testing.ScratchNamespaceExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Optional;

import static io.jcni.netlink.nftables.ReferenceMasquerade.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Our nf_tables client against the kernel in scratch namespaces, with nft as the oracle. */
@ExtendWith(ScratchNamespaceExtension.class)
class NftablesKernelTest {

    @Test
    void writesTheReferenceMasqueradeLayoutAsNftListsIt(ScratchNamespace ns) {
        try (Nftables nft = Nftables.open(ns.namespace())) {
            nft.apply("add masquerade one", ReferenceMasquerade.add(oneV4()));
            nft.apply("add masquerade two", ReferenceMasquerade.add(twoV4(), twoV6()));
        }
        assertEquals(listing(ONE_V4_LINE, TWO_V4_LINE, TWO_V6_LINE), NftCli.run(ns, "list", "ruleset"));
    }

    @Test
    void closeLeavesTheChangesAndClosesTheSocketInTheBackground(ScratchNamespace ns) throws Exception {
        io.jcni.netlink.socket.NetlinkSocket socket = ns.namespace().openSocket(io.jcni.netlink.socket.NetlinkProtocol.NETFILTER);
        try (Nftables nft = new Nftables(socket)) {
            nft.apply("add masquerade one", ReferenceMasquerade.add(oneV4()));
        }
        assertEquals(listing(ONE_V4_LINE), NftCli.run(ns, "list", "ruleset"));
        NftSocketPoolTest.awaitClosed(socket);
    }

    @Test
    void readsBackWhatItWroteWithHandlesAndComments(ScratchNamespace ns) {
        try (Nftables nft = Nftables.open(ns.namespace())) {
            nft.apply("add masquerade", ReferenceMasquerade.add(oneV4(), twoV4(), twoV6()));

            assertEquals(List.of(table()), nft.listTables().stream().map(t -> new NftTable(t.family(), t.name(), t.comment(), 0)).toList());
            assertEquals(List.of(checksChain(), postroutingChain()),
                    nft.listChains(FAMILY, TABLE).stream().map(NftablesKernelTest::withoutHandle).toList());
            assertEquals(Optional.of(postroutingChain()), nft.findChain(FAMILY, TABLE, POSTROUTING).map(NftablesKernelTest::withoutHandle));

            List<NftRule> rules = nft.listRules(FAMILY, TABLE, CHECKS);
            assertEquals(List.of(oneV4(), twoV4(), twoV6()), rules.stream().map(NftRule::withoutHandle).toList());
            assertTrue(rules.stream().allMatch(r -> r.handle() > 0), "every rule read back has a handle");
            assertEquals(List.of(multicastV4Return(), multicastV6Return(), gotoChecks()),
                    nft.listRules(FAMILY, TABLE, POSTROUTING).stream().map(NftRule::withoutHandle).toList());

            List<NftRule> two = nft.findRulesByCommentPrefix(FAMILY, TABLE, CHECKS, "6fd94d501e58f0aa-d750b2c8f0f25d5f");
            assertEquals(List.of(twoV4(), twoV6()), two.stream().map(NftRule::withoutHandle).toList());
            NftTransaction delete = new NftTransaction();
            two.forEach(delete::deleteRule);
            nft.apply("delete masquerade two", delete);
        }
        assertEquals(listing(ONE_V4_LINE), NftCli.run(ns, "list", "ruleset"));
    }

    @Test
    void createTableAndChainLeaveExistingOnesAlone(ScratchNamespace ns) {
        try (Nftables nft = Nftables.open(ns.namespace())) {
            nft.apply("add masquerade", ReferenceMasquerade.add(oneV4()));
            nft.createTable(NftTable.of(FAMILY, TABLE));
            nft.createChain(NftChain.regular(FAMILY, TABLE, CHECKS));
            nft.createChain(postroutingChain());
            assertEquals(1, nft.listTables(FAMILY).size());
            assertEquals(List.of(oneV4()), nft.listRules(FAMILY, TABLE, CHECKS).stream().map(NftRule::withoutHandle).toList());
        }
        assertEquals(listing(ONE_V4_LINE), NftCli.run(ns, "list", "ruleset"));
    }

    @Test
    void readsAndDeletesRulesThatNftWrote(ScratchNamespace ns) {
        NftCli.load(ns, script());
        try (Nftables nft = Nftables.open(ns.namespace())) {
            assertEquals(Optional.of(TABLE_COMMENT), nft.findTable(FAMILY, TABLE).flatMap(NftTable::comment));
            assertEquals(List.of(multicastV4Return(), multicastV6Return(), gotoChecks()),
                    nft.listRules(FAMILY, TABLE, POSTROUTING).stream().map(NftRule::withoutHandle).toList());
            List<NftRule> checks = nft.listRules(FAMILY, TABLE, CHECKS);
            assertEquals(List.of(oneV4(), twoV4(), twoV6()), checks.stream().map(NftRule::withoutHandle).toList());

            nft.deleteRule(checks.getFirst());
        }
        assertEquals(listing(TWO_V4_LINE, TWO_V6_LINE), NftCli.run(ns, "list", "ruleset"));
    }

    @Test
    void keepsExpressionsItDoesNotModelAndWritesThemBackUnchanged(ScratchNamespace ns) {
        NftCli.load(ns, "add table ip t\nadd chain ip t c\nadd rule ip t c ct state established,related counter accept comment \"keep\"\n");
        try (Nftables nft = Nftables.open(ns.namespace())) {
            NftRule original = nft.listRules(NftFamily.IP, "t", "c").getFirst();
            assertInstanceOf(NftOtherExpression.class, original.expressions().getFirst());
            assertEquals("ct", original.expressions().getFirst().name());
            nft.apply("copy rule", new NftTransaction().deleteRule(original).addRule(original));
            assertEquals(List.of(original.withoutHandle()),
                    nft.listRules(NftFamily.IP, "t", "c").stream().map(NftRule::withoutHandle).toList());
        }
        assertTrue(NftCli.run(ns, "list", "ruleset").contains("\t\tct state established,related counter packets 0 bytes 0 accept comment \"keep\"\n"));
    }

    @Test
    void aRefusedTransactionNamesTheObjectAndChangesNothing(ScratchNamespace ns) {
        try (Nftables nft = Nftables.open(ns.namespace())) {
            NftRule orphan = new NftRuleBuilder(FAMILY, TABLE, "missing").accept().comment("orphan").build();
            ErrnoException e = assertThrows(ErrnoException.class, () -> nft.apply("add masquerade",
                    new NftTransaction().createTable(table()).addRule(orphan)));
            assertEquals(Errno.ENOENT, e.errno());
            assertEquals("add masquerade", e.operation());
            assertEquals("add rule inet cni_plugins_masquerade missing comment \"orphan\"", e.object());
            assertEquals(List.of(), nft.listTables());
        }
        assertEquals("", NftCli.run(ns, "list", "ruleset"));
    }

    @Test
    void missingObjectsReadAsEmptyAndDeletingThemFailsByName(ScratchNamespace ns) {
        try (Nftables nft = Nftables.open(ns.namespace())) {
            assertEquals(Optional.empty(), nft.findTable(FAMILY, TABLE));
            assertEquals(Optional.empty(), nft.findChain(FAMILY, TABLE, CHECKS));
            assertEquals(List.of(), nft.listChains(FAMILY, TABLE));
            assertEquals(List.of(), nft.listRules(FAMILY, TABLE, CHECKS));
            ErrnoException e = assertThrows(ErrnoException.class, () -> nft.deleteTable(FAMILY, TABLE));
            assertEquals(Errno.ENOENT, e.errno());
            assertTrue(e.getMessage().startsWith("nf_tables delete table inet cni_plugins_masquerade failed: ENOENT"), e.getMessage());
        }
    }

    @Test
    void deletesChainsAndTables(ScratchNamespace ns) {
        try (Nftables nft = Nftables.open(ns.namespace())) {
            nft.apply("add masquerade", ReferenceMasquerade.add(oneV4()));
            nft.apply("remove postrouting", new NftTransaction()
                    .flushChain(FAMILY, TABLE, POSTROUTING)
                    .deleteChain(FAMILY, TABLE, POSTROUTING));
            assertEquals(List.of(CHECKS), nft.listChains(FAMILY, TABLE).stream().map(NftChain::name).toList());
            nft.deleteTable(FAMILY, TABLE);
            assertEquals(List.of(), nft.listTables());
        }
        assertEquals("", NftCli.run(ns, "list", "ruleset"));
    }

    @Test
    void interfaceAndEtherMatchesListAsNftWritesThem(ScratchNamespace ns) {
        MacAddress mac = MacAddress.parse("0a:58:0a:f4:00:02");
        NftRule jump = new NftRuleBuilder(NftFamily.BRIDGE, "nat", "PREROUTING").inputInterface("veth1234").jump("c")
                .comment("x").build();
        NftRule pass = new NftRuleBuilder(NftFamily.BRIDGE, "nat", "c").etherSource(mac).returnFromChain().build();
        NftRule drop = new NftRuleBuilder(NftFamily.BRIDGE, "nat", "c").outputInterface("eth0").drop().build();
        NftRule inet = new NftRuleBuilder(NftFamily.INET, "t", "c").inputInterface("veth1234").outputInterface("eth0")
                .etherSource(mac).accept().build();
        try (Nftables nft = Nftables.open(ns.namespace())) {
            nft.apply("add", new NftTransaction()
                    .createTable(NftTable.of(NftFamily.BRIDGE, "nat"))
                    .createChain(NftChain.base(NftFamily.BRIDGE, "nat", "PREROUTING", NftChainType.FILTER, NftHook.PREROUTING, -300))
                    .createChain(NftChain.regular(NftFamily.BRIDGE, "nat", "c"))
                    .addRule(jump).addRule(pass).addRule(drop)
                    .createTable(NftTable.of(NftFamily.INET, "t"))
                    .createChain(NftChain.regular(NftFamily.INET, "t", "c"))
                    .addRule(inet));
        }
        String expected = """
                table bridge nat {
                	chain PREROUTING {
                		type filter hook prerouting priority dstnat; policy accept;
                		iifname "veth1234" jump c comment "x"
                	}

                	chain c {
                		ether saddr 0a:58:0a:f4:00:02 return
                		oifname "eth0" drop
                	}
                }
                table inet t {
                	chain c {
                		iifname "veth1234" oifname "eth0" ether saddr 0a:58:0a:f4:00:02 accept
                	}
                }
                """;
        String listed = NftCli.run(ns, "list", "ruleset");
        assertEquals(expected, listed);

        // The other way round: nft writes the same text, we read the same rules.
        try (ScratchNamespace other = ScratchNamespace.create("nft")) {
            NftCli.load(other, listed);
            try (Nftables nft = Nftables.open(other.namespace())) {
                assertEquals(List.of(jump), nft.listRules(NftFamily.BRIDGE, "nat", "PREROUTING").stream().map(NftRule::withoutHandle).toList());
                assertEquals(List.of(pass, drop), nft.listRules(NftFamily.BRIDGE, "nat", "c").stream().map(NftRule::withoutHandle).toList());
                assertEquals(List.of(inet), nft.listRules(NftFamily.INET, "t", "c").stream().map(NftRule::withoutHandle).toList());
            }
        }
    }

    private static NftChain withoutHandle(NftChain c) {
        return new NftChain(c.family(), c.table(), c.name(), c.hook(), c.comment(), 0);
    }
}
