package io.jcni.netlink.nftables;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The nftables masquerade layout of the reference bridge plugin (containernetworking/plugins,
 * pkg/ip ipmasq_nftables.go), built with our client, and the same layout as nft text.
 */
final class ReferenceMasquerade {
    static final NftFamily FAMILY = NftFamily.INET;
    static final String TABLE = "cni_plugins_masquerade";
    static final String CHECKS = "masq_checks";
    static final String POSTROUTING = "postrouting";
    static final String TABLE_COMMENT = "Masquerading for plugins from github.com/containernetworking/plugins";
    static final String CHECKS_COMMENT = "Masquerade traffic from certain IPs to any (non-multicast) IP outside their subnet";
    /** The reference unit test's comments for container "one" (192.168.1.1/24) and "two" (192.168.1.2/24, 2001:db8::2/64). */
    static final String ONE = "6fd94d501e58f0aa-287fc69eff0574a2, net: unit-test, if: eth0, id: one";
    static final String TWO = "6fd94d501e58f0aa-d750b2c8f0f25d5f, net: unit-test, if: eth0, id: two";

    private ReferenceMasquerade() {
    }

    static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static NftTable table() {
        return NftTable.of(FAMILY, TABLE).withComment(TABLE_COMMENT);
    }

    static NftChain checksChain() {
        return NftChain.regular(FAMILY, TABLE, CHECKS).withComment(CHECKS_COMMENT);
    }

    static NftChain postroutingChain() {
        return NftChain.base(FAMILY, TABLE, POSTROUTING, NftChainType.NAT, NftHook.POSTROUTING, NftChainHook.PRIORITY_SRCNAT);
    }

    static NftRule multicastV4Return() {
        return new NftRuleBuilder(FAMILY, TABLE, POSTROUTING).destinationIn(ip("224.0.0.0"), 4).returnFromChain().build();
    }

    static NftRule multicastV6Return() {
        return new NftRuleBuilder(FAMILY, TABLE, POSTROUTING).destinationIn(ip("ff00::"), 8).returnFromChain().build();
    }

    static NftRule gotoChecks() {
        return new NftRuleBuilder(FAMILY, TABLE, POSTROUTING).goTo(CHECKS).build();
    }

    /** {@code ip saddr IP ip daddr != SUBNET masquerade comment "..."}. */
    static NftRule masquerade(String address, String subnet, int prefixLength, String comment) {
        return new NftRuleBuilder(FAMILY, TABLE, CHECKS).sourceAddress(ip(address))
                .destinationNotIn(ip(subnet), prefixLength).masquerade().comment(comment).build();
    }

    static NftRule oneV4() {
        return masquerade("192.168.1.1", "192.168.1.0", 24, ONE);
    }

    static NftRule twoV4() {
        return masquerade("192.168.1.2", "192.168.1.0", 24, TWO);
    }

    static NftRule twoV6() {
        return masquerade("2001:db8::2", "2001:db8::", 64, TWO);
    }

    /** What the reference plugin's ADD sends (per container): ensure table and chains, reset postrouting, add rules. */
    static NftTransaction add(NftRule... masqueradeRules) {
        NftTransaction tx = new NftTransaction()
                .createTable(table())
                .createChain(checksChain())
                .createChain(postroutingChain())
                .flushChain(FAMILY, TABLE, POSTROUTING)
                .addRule(multicastV4Return())
                .addRule(multicastV6Return())
                .addRule(gotoChecks());
        for (NftRule r : masqueradeRules) {
            tx.addRule(r);
        }
        return tx;
    }

    /** The same state as nft prints it with {@code nft list ruleset}. */
    static String listing(String... masqueradeLines) {
        StringBuilder s = new StringBuilder();
        s.append("table inet cni_plugins_masquerade {\n");
        s.append("\tcomment \"").append(TABLE_COMMENT).append("\"\n");
        s.append("\tchain masq_checks {\n");
        s.append("\t\tcomment \"").append(CHECKS_COMMENT).append("\"\n");
        for (String line : masqueradeLines) {
            s.append("\t\t").append(line).append('\n');
        }
        s.append("\t}\n\n");
        s.append("\tchain postrouting {\n");
        s.append("\t\ttype nat hook postrouting priority srcnat; policy accept;\n");
        s.append("\t\tip daddr 224.0.0.0/4 return\n");
        s.append("\t\tip6 daddr ff00::/8 return\n");
        s.append("\t\tgoto masq_checks\n");
        s.append("\t}\n");
        s.append("}\n");
        return s.toString();
    }

    static final String ONE_V4_LINE = "ip saddr 192.168.1.1 ip daddr != 192.168.1.0/24 masquerade comment \"" + ONE + "\"";
    static final String TWO_V4_LINE = "ip saddr 192.168.1.2 ip daddr != 192.168.1.0/24 masquerade comment \"" + TWO + "\"";
    static final String TWO_V6_LINE = "ip6 saddr 2001:db8::2 ip6 daddr != 2001:db8::/64 masquerade comment \"" + TWO + "\"";

    /** The layout as an nft script, as the reference plugin (through knftables) would write it. */
    static String script() {
        return "add table inet cni_plugins_masquerade { comment \"" + TABLE_COMMENT + "\" ; }\n"
                + "add chain inet cni_plugins_masquerade masq_checks { comment \"" + CHECKS_COMMENT + "\" ; }\n"
                + "add chain inet cni_plugins_masquerade postrouting { type nat hook postrouting priority 100 ; }\n"
                + "flush chain inet cni_plugins_masquerade postrouting\n"
                + "add rule inet cni_plugins_masquerade postrouting ip daddr == 224.0.0.0/4  return\n"
                + "add rule inet cni_plugins_masquerade postrouting ip6 daddr == ff00::/8  return\n"
                + "add rule inet cni_plugins_masquerade postrouting goto masq_checks\n"
                + "add rule inet cni_plugins_masquerade masq_checks ip saddr == 192.168.1.1 ip daddr != 192.168.1.0/24 masquerade comment \"" + ONE + "\"\n"
                + "add rule inet cni_plugins_masquerade masq_checks ip saddr == 192.168.1.2 ip daddr != 192.168.1.0/24 masquerade comment \"" + TWO + "\"\n"
                + "add rule inet cni_plugins_masquerade masq_checks ip6 saddr == 2001:db8::2 ip6 daddr != 2001:db8::/64 masquerade comment \"" + TWO + "\"\n";
    }
}
