package io.jcni.netlink.wire;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** The attributes of one message or one nested attribute, in the order they were sent. */
public final class Attributes {
    private final List<Attribute> list;

    private Attributes(List<Attribute> list) {
        this.list = list;
    }

    /** Splits {@code length} bytes at {@code offset} into attributes, checking every length field. */
    static Attributes parse(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > data.length) {
            throw new NetlinkParseException("attribute region out of bounds");
        }
        List<Attribute> out = new ArrayList<>();
        int pos = offset;
        int end = offset + length;
        while (end - pos >= NetlinkConstants.NLA_HDRLEN) {
            int len = ByteOrders.u16(data, pos);
            int type = ByteOrders.u16(data, pos + 2);
            if (len < NetlinkConstants.NLA_HDRLEN || len > end - pos) {
                throw new NetlinkParseException("attribute " + (type & NetlinkConstants.NLA_TYPE_MASK)
                        + " has bad length " + len + " at offset " + (pos - offset) + " of " + length);
            }
            out.add(new Attribute(type, data, pos + NetlinkConstants.NLA_HDRLEN, len - NetlinkConstants.NLA_HDRLEN));
            // The last attribute may lack its padding; never step past the end.
            pos = Math.min(end, pos + ByteOrders.align(len));
        }
        // Fewer than 4 bytes left over is padding the kernel tolerates too.
        return new Attributes(Collections.unmodifiableList(out));
    }

    public List<Attribute> list() {
        return list;
    }

    /** The attribute of that type; the last one wins if it repeats, as in the kernel's nla_parse. */
    public Optional<Attribute> get(int type) {
        for (int i = list.size() - 1; i >= 0; i--) {
            if (list.get(i).type() == type) {
                return Optional.of(list.get(i));
            }
        }
        return Optional.empty();
    }

    /** The attribute of that type, or a parse exception naming {@code what} when absent. */
    public Attribute require(int type, String what) {
        return get(type).orElseThrow(() -> new NetlinkParseException("missing attribute " + what + " (" + type + ")"));
    }

    /** Every attribute of that type, in order (for repeated attributes such as nf_tables expressions). */
    public List<Attribute> all(int type) {
        List<Attribute> out = new ArrayList<>();
        for (Attribute a : list) {
            if (a.type() == type) {
                out.add(a);
            }
        }
        return out;
    }
}
