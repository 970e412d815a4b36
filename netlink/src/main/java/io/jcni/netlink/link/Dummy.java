package io.jcni.netlink.link;

import io.jcni.netlink.MacAddress;
import io.jcni.netlink.wire.MessageWriter;

import java.util.Optional;
import java.util.OptionalInt;

/** A dummy link to create (kernels without the dummy driver refuse it with EOPNOTSUPP). */
public record Dummy(String name, OptionalInt mtu, Optional<MacAddress> mac) implements LinkSpec {
    public Dummy {
        LinkNames.check("dummy name", name);
        NewLinkMessage.checkMtu(mtu);
    }

    public static Dummy named(String name) {
        return new Dummy(name, OptionalInt.empty(), Optional.empty());
    }

    public Dummy withMtu(int mtu) {
        return new Dummy(name, OptionalInt.of(mtu), mac);
    }

    public Dummy withMac(MacAddress mac) {
        return new Dummy(name, mtu, Optional.of(mac));
    }

    @Override
    public String describe() {
        return "dummy " + name;
    }

    @Override
    public MessageWriter toMessage() {
        return NewLinkMessage.create(name, mtu, mac, "dummy", null, null);
    }
}
