package io.jcni.netlink.nftables;

import io.jcni.netlink.MacAddress;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds a rule's expressions the way nft compiles the same statements, so that {@code nft list
 * ruleset} prints them back as written and rules written by nft compare equal to ours:
 * <ul>
 * <li>in an {@code inet} table the first address match is preceded by {@code meta nfproto} = ipv4/ipv6;
 * <li>a full address or a prefix ending on a byte boundary loads only those bytes and compares;
 * <li>any other prefix loads the whole address and masks it with a bitwise expression first;
 * <li>interface names are compared as 16 NUL-padded bytes (IFNAMSIZ);
 * <li>outside {@code bridge} tables, {@code ether} matches are preceded by {@code meta iiftype ether}.
 * </ul>
 * E.g. {@code ip saddr 10.0.0.5 ip daddr != 10.0.0.0/24 masquerade comment "..."}:
 * {@code builder.sourceAddress(a).destinationNotIn(net, 24).masquerade().comment("...").build()}.
 */
public final class NftRuleBuilder {
    private static final int NFPROTO_IPV4 = 2;
    private static final int NFPROTO_IPV6 = 10;
    /** Interface names are compared as IFNAMSIZ bytes, NUL-padded. */
    private static final int IFNAMSIZ = 16;
    /** ARPHRD_ETHER, the iiftype an ether match depends on (2 bytes, host order, as nft writes it). */
    private static final byte[] IIFTYPE_ETHER = java.nio.ByteBuffer.allocate(2).order(java.nio.ByteOrder.nativeOrder())
            .putShort((short) 1).array();
    /** Offset of the source address in the Ethernet header. */
    private static final int ETHER_SADDR = 6;

    private final NftFamily family;
    private final String table;
    private final String chain;
    private final List<NftExpression> expressions = new ArrayList<>();
    private Optional<String> comment = Optional.empty();
    /** NFPROTO_* the rule's address matches are about, once the first one is added. */
    private int addressProtocol;
    private boolean etherDependency;

    public NftRuleBuilder(NftFamily family, String table, String chain) {
        this.family = Objects.requireNonNull(family, "rule family");
        this.table = NftNames.requireName("table name", table);
        this.chain = NftNames.requireName("chain name", chain);
    }

    /** {@code ip saddr ADDRESS} (or ip6). */
    public NftRuleBuilder sourceAddress(InetAddress address) {
        return addressMatch(true, address, fullLength(address), NftCmp.Op.EQ);
    }

    /** {@code ip saddr NET/PREFIX}. */
    public NftRuleBuilder sourceIn(InetAddress network, int prefixLength) {
        return addressMatch(true, network, prefixLength, NftCmp.Op.EQ);
    }

    /** {@code ip saddr != NET/PREFIX}. */
    public NftRuleBuilder sourceNotIn(InetAddress network, int prefixLength) {
        return addressMatch(true, network, prefixLength, NftCmp.Op.NEQ);
    }

    /** {@code ip daddr ADDRESS} (or ip6). */
    public NftRuleBuilder destinationAddress(InetAddress address) {
        return addressMatch(false, address, fullLength(address), NftCmp.Op.EQ);
    }

    /** {@code ip daddr NET/PREFIX}. */
    public NftRuleBuilder destinationIn(InetAddress network, int prefixLength) {
        return addressMatch(false, network, prefixLength, NftCmp.Op.EQ);
    }

    /** {@code ip daddr != NET/PREFIX}. */
    public NftRuleBuilder destinationNotIn(InetAddress network, int prefixLength) {
        return addressMatch(false, network, prefixLength, NftCmp.Op.NEQ);
    }

    /** {@code iifname "NAME"}: the packet came in through that interface. */
    public NftRuleBuilder inputInterface(String name) {
        return interfaceMatch(NftMeta.KEY_IIFNAME, "iifname", name);
    }

    /** {@code oifname "NAME"}: the packet leaves through that interface. */
    public NftRuleBuilder outputInterface(String name) {
        return interfaceMatch(NftMeta.KEY_OIFNAME, "oifname", name);
    }

    private NftRuleBuilder interfaceMatch(int key, String what, String name) {
        byte[] text = Objects.requireNonNull(name, what).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (text.length == 0 || text.length >= IFNAMSIZ || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " must be 1.." + (IFNAMSIZ - 1) + " bytes without NUL: \"" + name + "\"");
        }
        expressions.add(new NftMeta(key, NftExpression.REG_1));
        expressions.add(new NftCmp(NftExpression.REG_1, NftCmp.Op.EQ, NftValue.of(java.util.Arrays.copyOf(text, IFNAMSIZ))));
        return this;
    }

    /** {@code ether saddr MAC}: the frame's source hardware address. */
    public NftRuleBuilder etherSource(MacAddress mac) {
        Objects.requireNonNull(mac, "ether saddr");
        if (mac.length() != 6) {
            throw new IllegalArgumentException("ether saddr must be a 6-byte MAC address: " + mac);
        }
        switch (family) {
            case BRIDGE -> {
            }
            case INET, IP, IP6 -> {
                if (!etherDependency) {
                    expressions.add(new NftMeta(NftMeta.KEY_IIFTYPE, NftExpression.REG_1));
                    expressions.add(new NftCmp(NftExpression.REG_1, NftCmp.Op.EQ, NftValue.of(IIFTYPE_ETHER)));
                    etherDependency = true;
                }
            }
            default -> throw new IllegalArgumentException("ether saddr matches are supported in bridge, inet, ip and ip6 tables, not "
                    + family.nftName());
        }
        expressions.add(new NftPayload(NftPayload.Base.LINK_LAYER, ETHER_SADDR, 6, NftExpression.REG_1));
        expressions.add(new NftCmp(NftExpression.REG_1, NftCmp.Op.EQ, NftValue.of(mac.bytes())));
        return this;
    }

    /** {@code counter}. */
    public NftRuleBuilder counter() {
        return expression(new NftCounter(0, 0));
    }

    /** {@code masquerade}. */
    public NftRuleBuilder masquerade() {
        return expression(new NftMasq(0));
    }

    public NftRuleBuilder accept() {
        return verdict(NftVerdict.of(NftVerdict.Kind.ACCEPT));
    }

    public NftRuleBuilder drop() {
        return verdict(NftVerdict.of(NftVerdict.Kind.DROP));
    }

    /** {@code return}: back to the chain that jumped here (or the base chain's policy). */
    public NftRuleBuilder returnFromChain() {
        return verdict(NftVerdict.of(NftVerdict.Kind.RETURN));
    }

    /** {@code jump CHAIN}: continue there, then come back. */
    public NftRuleBuilder jump(String chain) {
        return verdict(NftVerdict.jump(chain));
    }

    /** {@code goto CHAIN}: continue there without coming back. */
    public NftRuleBuilder goTo(String chain) {
        return verdict(NftVerdict.goTo(chain));
    }

    private NftRuleBuilder verdict(NftVerdict verdict) {
        return expression(NftImmediate.verdict(verdict));
    }

    /** Appends any expression as it is. */
    public NftRuleBuilder expression(NftExpression expression) {
        expressions.add(Objects.requireNonNull(expression, "expression"));
        return this;
    }

    /** {@code comment "TEXT"}, stored as nft stores it (rule user data). */
    public NftRuleBuilder comment(String text) {
        this.comment = NftNames.requireComment("rule comment", Optional.of(Objects.requireNonNull(text, "rule comment")));
        return this;
    }

    public NftRule build() {
        return new NftRule(family, table, chain, expressions, comment, 0);
    }

    private static int fullLength(InetAddress address) {
        return Objects.requireNonNull(address, "address").getAddress().length * 8;
    }

    private NftRuleBuilder addressMatch(boolean source, InetAddress address, int prefixLength, NftCmp.Op op) {
        Objects.requireNonNull(address, "address");
        boolean v4 = address instanceof Inet4Address;
        int protocol = v4 ? NFPROTO_IPV4 : NFPROTO_IPV6;
        String what = (v4 ? "ip " : "ip6 ") + (source ? "saddr" : "daddr");
        byte[] bytes = address.getAddress();
        if (prefixLength < 1 || prefixLength > bytes.length * 8) {
            throw new IllegalArgumentException(what + " prefix length must be 1.." + bytes.length * 8 + ": " + prefixLength);
        }
        switch (family) {
            case IP, IP6 -> {
                if ((family == NftFamily.IP) != v4) {
                    throw new IllegalArgumentException(what + " " + address.getHostAddress() + " cannot match in a "
                            + family.nftName() + " table");
                }
            }
            case INET -> {
                if (addressProtocol == 0) {
                    expressions.add(new NftMeta(NftMeta.KEY_NFPROTO, NftExpression.REG_1));
                    expressions.add(new NftCmp(NftExpression.REG_1, NftCmp.Op.EQ, NftValue.of((byte) protocol)));
                }
            }
            default -> throw new IllegalArgumentException(what + " matches are supported in ip, ip6 and inet tables, not "
                    + family.nftName());
        }
        if (addressProtocol != 0 && addressProtocol != protocol) {
            throw new IllegalArgumentException(what + " cannot follow a match of the other address family in one rule");
        }
        addressProtocol = protocol;

        int offset = v4 ? (source ? 12 : 16) : (source ? 8 : 24);
        byte[] mask = prefixMask(bytes.length, prefixLength);
        byte[] network = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            network[i] = (byte) (bytes[i] & mask[i]);
        }
        if (prefixLength % 8 == 0) {
            int length = prefixLength / 8;
            expressions.add(new NftPayload(NftPayload.Base.NETWORK, offset, length, NftExpression.REG_1));
            expressions.add(new NftCmp(NftExpression.REG_1, op, NftValue.of(java.util.Arrays.copyOf(network, length))));
        } else {
            expressions.add(new NftPayload(NftPayload.Base.NETWORK, offset, bytes.length, NftExpression.REG_1));
            expressions.add(new NftBitwise(NftExpression.REG_1, NftExpression.REG_1, bytes.length, NftValue.of(mask),
                    NftValue.zeros(bytes.length)));
            expressions.add(new NftCmp(NftExpression.REG_1, op, NftValue.of(network)));
        }
        return this;
    }

    private static byte[] prefixMask(int length, int prefixLength) {
        byte[] mask = new byte[length];
        for (int bit = 0; bit < prefixLength; bit++) {
            mask[bit / 8] |= (byte) (0x80 >>> (bit % 8));
        }
        return mask;
    }
}
