package io.jcni.plugin.bandwidth;

import io.jcni.conf.result.IpPrefix;
import io.jcni.netlink.tc.Handles;
import io.jcni.netlink.tc.Htb;
import io.jcni.netlink.tc.HtbClass;
import io.jcni.netlink.tc.PschedClock;
import io.jcni.netlink.tc.Qdisc;
import io.jcni.netlink.tc.Tbf;
import io.jcni.netlink.tc.U32Filter;
import io.jcni.netlink.tc.U32Key;
import io.jcni.netlink.wire.TcConstants;

import java.util.ArrayList;
import java.util.List;

/**
 * What shapes one direction at the root of one link (the host veth for ingress, the ifb for
 * egress): the qdisc, and with subnets its classes and filters. Without subnets it is the
 * reference 1.1.1's {@code tbf}. With {@code unshapedSubnets} or {@code shapedSubnets} it is the
 * layout later reference releases introduced for them: an {@code htb} qdisc {@code 1:} with a
 * shaped class {@code 1:48} (the rate and burst, ceil twice the rate) and an unshaped class
 * {@code 1:1} (100 GB/s), one {@code u32} filter per subnet on the destination address (pref 16
 * for IPv4, 15 for IPv6) sending it to the unshaped class (unshapedSubnets, default class 1:48)
 * or to the shaped one (shapedSubnets, default class 1:1).
 */
record RootShaping(Qdisc qdisc, List<HtbClass> classes, List<U32Filter> filters) {
    static final int SHAPED_CLASS = 48;
    static final int UNSHAPED_CLASS = 1;
    /** The unshaped class's rate and ceil, bytes per second, as in the reference. */
    static final long UNCAPPED_RATE = 100_000_000_000L;
    private static final int IPV4_DST_OFFSET = 16;
    private static final int IPV6_DST_OFFSET = 24;

    RootShaping {
        classes = List.copyOf(classes);
        filters = List.copyOf(filters);
    }

    static RootShaping of(int linkIndex, long rateBits, long burstBits, Shaping s, PschedClock clock) {
        Tbf bucket = Tbf.forBits(rateBits, burstBits, clock);
        if (!usesHtb(s)) {
            return new RootShaping(Qdisc.rootTbf(linkIndex, bucket), List.of(), List.of());
        }
        boolean exclude = !s.unshapedSubnets().isEmpty();
        List<String> subnets = exclude ? s.unshapedSubnets() : s.shapedSubnets();
        int root = Handles.of(1, 0);
        int shaped = Handles.of(1, SHAPED_CLASS);
        int unshaped = Handles.of(1, UNSHAPED_CLASS);
        Qdisc qdisc = Qdisc.rootHtb(linkIndex, Htb.withDefault(exclude ? SHAPED_CLASS : UNSHAPED_CLASS));
        List<HtbClass> classes = List.of(
                new HtbClass(linkIndex, shaped, root, bucket.rate(), 2 * bucket.rate(), bucket.buffer(), bucket.buffer()),
                new HtbClass(linkIndex, unshaped, root, UNCAPPED_RATE, UNCAPPED_RATE, 0, 0));
        List<U32Filter> filters = new ArrayList<>();
        for (String subnet : subnets) {
            IpPrefix p = IpPrefix.parse(subnet);
            boolean v4 = p.isIpv4();
            filters.add(new U32Filter(linkIndex, root, v4 ? 16 : 15, v4 ? TcConstants.ETH_P_IP : TcConstants.ETH_P_IPV6, 0,
                    exclude ? unshaped : shaped, destinationKeys(p), List.of()));
        }
        return new RootShaping(qdisc, classes, filters);
    }

    /**
     * The ifb's transmit queue length: 0 under a tbf, as the reference 1.1.1 makes it (the tbf has
     * its own limit); 1000 under an htb, as the later releases do, because the htb's leaf queues
     * take their length from the device and would drop every packet with 0.
     */
    static int ifbQueueLength(Shaping s) {
        return usesHtb(s) ? 1000 : 0;
    }

    private static boolean usesHtb(Shaping s) {
        return !s.unshapedSubnets().isEmpty() || !s.shapedSubnets().isEmpty();
    }

    /** One key per 32-bit word of the destination address that the prefix constrains. */
    private static List<U32Key> destinationKeys(IpPrefix p) {
        byte[] address = p.address().getAddress();
        int offset = p.isIpv4() ? IPV4_DST_OFFSET : IPV6_DST_OFFSET;
        List<U32Key> keys = new ArrayList<>();
        for (int word = 0; word < address.length / 4; word++) {
            int bits = Math.clamp(p.prefixLength() - 32L * word, 0, 32);
            int mask = bits == 0 ? 0 : -1 << (32 - bits);
            if (mask != 0) {
                int value = (address[4 * word] & 0xFF) << 24 | (address[4 * word + 1] & 0xFF) << 16
                        | (address[4 * word + 2] & 0xFF) << 8 | (address[4 * word + 3] & 0xFF);
                keys.add(new U32Key(mask, value & mask, offset + 4 * word, 0));
            }
        }
        return keys;
    }
}
