package io.jcni.netlink.link;

import io.jcni.netlink.wire.IfLinkConstants;
import io.jcni.netlink.wire.MessageWriter;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * An intermediate functional block link to create: a queue that traffic redirected by a mirred
 * action passes through, so ingress traffic can be shaped like egress.
 *
 * @param txQueueLength IFLA_TXQLEN; empty for the driver's default
 */
public record Ifb(String name, OptionalInt mtu, OptionalInt txQueueLength) implements LinkSpec {
    public Ifb {
        LinkNames.check("ifb name", name);
        NewLinkMessage.checkMtu(mtu);
        if (txQueueLength.isPresent() && txQueueLength.getAsInt() < 0) {
            throw new IllegalArgumentException("ifb txqueuelen: " + txQueueLength.getAsInt() + " is negative");
        }
    }

    public static Ifb named(String name) {
        return new Ifb(name, OptionalInt.empty(), OptionalInt.empty());
    }

    public Ifb withMtu(int mtu) {
        return new Ifb(name, OptionalInt.of(mtu), txQueueLength);
    }

    public Ifb withTxQueueLength(int length) {
        return new Ifb(name, mtu, OptionalInt.of(length));
    }

    @Override
    public String describe() {
        return "ifb " + name;
    }

    @Override
    public MessageWriter toMessage() {
        return NewLinkMessage.create(name, mtu, Optional.empty(), "ifb",
                w -> txQueueLength.ifPresent(q -> w.attrU32(IfLinkConstants.IFLA_TXQLEN, q)), null);
    }
}
