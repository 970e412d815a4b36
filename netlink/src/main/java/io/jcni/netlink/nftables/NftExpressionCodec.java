package io.jcni.netlink.nftables;

import io.jcni.netlink.wire.Attribute;
import io.jcni.netlink.wire.Attributes;
import io.jcni.netlink.wire.MessageWriter;
import io.jcni.netlink.wire.NetlinkConstants;
import io.jcni.netlink.wire.NetlinkParseException;

import java.util.Optional;
import java.util.Set;

import static io.jcni.netlink.nftables.NftConstants.*;

/**
 * Encodes and decodes rule expressions (NFTA_LIST_ELEM { NFTA_EXPR_NAME, NFTA_EXPR_DATA }).
 * An expression read with attributes we do not model (payload writes, meta set, masquerade port
 * ranges, bitwise shifts) becomes an {@link NftOtherExpression} rather than losing them.
 */
final class NftExpressionCodec {
    private NftExpressionCodec() {
    }

    /** Writes one element of NFTA_RULE_EXPRESSIONS. */
    static void write(MessageWriter w, NftExpression e) {
        w.nested(NFTA_LIST_ELEM, el -> {
            el.attrString(NFTA_EXPR_NAME, e.name());
            if (e instanceof NftOtherExpression other) {
                el.attr(NFTA_EXPR_DATA | NetlinkConstants.NLA_F_NESTED, other.data().bytes());
                return;
            }
            el.nested(NFTA_EXPR_DATA, d -> writeData(d, e));
        });
    }

    private static void writeData(MessageWriter d, NftExpression e) {
        switch (e) {
            case NftPayload p -> d.attrBe32(NFTA_PAYLOAD_DREG, p.dreg())
                    .attrBe32(NFTA_PAYLOAD_BASE, p.base().number())
                    .attrBe32(NFTA_PAYLOAD_OFFSET, p.offset())
                    .attrBe32(NFTA_PAYLOAD_LEN, p.length());
            case NftCmp c -> d.attrBe32(NFTA_CMP_SREG, c.sreg())
                    .attrBe32(NFTA_CMP_OP, c.op().number())
                    .nested(NFTA_CMP_DATA, v -> v.attr(NFTA_DATA_VALUE, c.data().bytes()));
            case NftBitwise b -> d.attrBe32(NFTA_BITWISE_SREG, b.sreg())
                    .attrBe32(NFTA_BITWISE_DREG, b.dreg())
                    .attrBe32(NFTA_BITWISE_LEN, b.length())
                    .nested(NFTA_BITWISE_MASK, v -> v.attr(NFTA_DATA_VALUE, b.mask().bytes()))
                    .nested(NFTA_BITWISE_XOR, v -> v.attr(NFTA_DATA_VALUE, b.xor().bytes()));
            case NftMeta m -> d.attrBe32(NFTA_META_DREG, m.dreg()).attrBe32(NFTA_META_KEY, m.key());
            case NftImmediate i -> {
                d.attrBe32(NFTA_IMMEDIATE_DREG, i.dreg());
                d.nested(NFTA_IMMEDIATE_DATA, data -> writeImmediateData(data, i.data()));
            }
            case NftMasq m -> {
                if (m.flags() != 0) {
                    d.attrBe32(NFTA_MASQ_FLAGS, m.flags());
                }
            }
            case NftCounter c -> d.attrBe64(NFTA_COUNTER_BYTES, c.bytes()).attrBe64(NFTA_COUNTER_PACKETS, c.packets());
            case NftOtherExpression o -> throw new IllegalStateException("written raw above");
        }
    }

    private static void writeImmediateData(MessageWriter data, NftData value) {
        switch (value) {
            case NftValue v -> data.attr(NFTA_DATA_VALUE, v.bytes());
            case NftVerdict v -> data.nested(NFTA_DATA_VERDICT, vd -> {
                vd.attrBe32(NFTA_VERDICT_CODE, v.kind().code());
                v.chain().ifPresent(c -> vd.attrString(NFTA_VERDICT_CHAIN, c));
            });
        }
    }

    /** Reads one element of NFTA_RULE_EXPRESSIONS. */
    static NftExpression read(Attribute element) {
        Attributes el = element.nested();
        String name = el.require(NFTA_EXPR_NAME, "expression name").string();
        Optional<Attribute> data = el.get(NFTA_EXPR_DATA);
        byte[] raw = data.map(Attribute::bytes).orElse(new byte[0]);
        Attributes a = data.map(Attribute::nested).orElse(null);
        NftExpression known = a == null ? readWithoutData(name) : readKnown(name, a);
        if (known != null) {
            return known;
        }
        try {
            return new NftOtherExpression(name, NftValue.of(raw));
        } catch (IllegalArgumentException e) {
            throw new NetlinkParseException("bad expression name: " + e.getMessage());
        }
    }

    private static NftExpression readWithoutData(String name) {
        return name.equals("masq") ? new NftMasq(0) : null;
    }

    private static NftExpression readKnown(String name, Attributes a) {
        try {
            return switch (name) {
                case "payload" -> onlyHas(a, NFTA_PAYLOAD_DREG, NFTA_PAYLOAD_BASE, NFTA_PAYLOAD_OFFSET, NFTA_PAYLOAD_LEN)
                        ? new NftPayload(NftPayload.Base.of(be32(a, NFTA_PAYLOAD_BASE, "payload base")),
                        be32(a, NFTA_PAYLOAD_OFFSET, "payload offset"), be32(a, NFTA_PAYLOAD_LEN, "payload length"),
                        be32(a, NFTA_PAYLOAD_DREG, "payload register"))
                        : null;
                case "cmp" -> onlyHas(a, NFTA_CMP_SREG, NFTA_CMP_OP, NFTA_CMP_DATA)
                        ? new NftCmp(be32(a, NFTA_CMP_SREG, "cmp register"), NftCmp.Op.of(be32(a, NFTA_CMP_OP, "cmp op")),
                        value(a, NFTA_CMP_DATA, "cmp data"))
                        : null;
                case "bitwise" -> onlyHas(a, NFTA_BITWISE_SREG, NFTA_BITWISE_DREG, NFTA_BITWISE_LEN, NFTA_BITWISE_MASK,
                        NFTA_BITWISE_XOR, NFTA_BITWISE_OP)
                        && a.get(NFTA_BITWISE_OP).map(Attribute::be32).orElse(NFT_BITWISE_MASK_XOR) == NFT_BITWISE_MASK_XOR
                        ? new NftBitwise(be32(a, NFTA_BITWISE_SREG, "bitwise source"), be32(a, NFTA_BITWISE_DREG, "bitwise destination"),
                        be32(a, NFTA_BITWISE_LEN, "bitwise length"), value(a, NFTA_BITWISE_MASK, "bitwise mask"),
                        value(a, NFTA_BITWISE_XOR, "bitwise xor"))
                        : null;
                case "meta" -> onlyHas(a, NFTA_META_DREG, NFTA_META_KEY) && a.get(NFTA_META_DREG).isPresent()
                        ? new NftMeta(be32(a, NFTA_META_KEY, "meta key"), be32(a, NFTA_META_DREG, "meta register"))
                        : null;
                case "immediate" -> onlyHas(a, NFTA_IMMEDIATE_DREG, NFTA_IMMEDIATE_DATA)
                        ? new NftImmediate(be32(a, NFTA_IMMEDIATE_DREG, "immediate register"),
                        immediateData(a.require(NFTA_IMMEDIATE_DATA, "immediate data").nested()))
                        : null;
                case "masq" -> onlyHas(a, NFTA_MASQ_FLAGS)
                        ? new NftMasq(a.get(NFTA_MASQ_FLAGS).map(Attribute::be32).orElse(0))
                        : null;
                case "counter" -> onlyHas(a, NFTA_COUNTER_BYTES, NFTA_COUNTER_PACKETS, 3 /* NFTA_COUNTER_PAD */)
                        ? new NftCounter(a.get(NFTA_COUNTER_PACKETS).map(Attribute::be64).orElse(0L),
                        a.get(NFTA_COUNTER_BYTES).map(Attribute::be64).orElse(0L))
                        : null;
                default -> null;
            };
        } catch (IllegalArgumentException e) {
            // A value our types reject (unknown base, op, verdict...): keep the expression raw.
            return null;
        }
    }

    private static NftData immediateData(Attributes d) {
        Optional<Attribute> verdict = d.get(NFTA_DATA_VERDICT);
        if (verdict.isPresent()) {
            Attributes v = verdict.get().nested();
            NftVerdict.Kind kind = NftVerdict.Kind.of(v.require(NFTA_VERDICT_CODE, "verdict code").be32());
            return new NftVerdict(kind, v.get(NFTA_VERDICT_CHAIN).map(Attribute::string));
        }
        return NftValue.of(d.require(NFTA_DATA_VALUE, "immediate value").bytes());
    }

    private static boolean onlyHas(Attributes a, int... known) {
        Set<Integer> allowed = new java.util.HashSet<>();
        for (int k : known) {
            allowed.add(k);
        }
        for (Attribute attr : a.list()) {
            if (!allowed.contains(attr.type())) {
                return false;
            }
        }
        return true;
    }

    private static int be32(Attributes a, int type, String what) {
        return a.require(type, what).be32();
    }

    private static NftValue value(Attributes a, int type, String what) {
        return NftValue.of(a.require(type, what).nested().require(NFTA_DATA_VALUE, what + " value").bytes());
    }
}
