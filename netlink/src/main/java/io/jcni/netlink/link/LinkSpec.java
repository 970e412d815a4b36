package io.jcni.netlink.link;

import io.jcni.netlink.wire.MessageWriter;

/** What to create: a link kind with its settings. */
public sealed interface LinkSpec permits Bridge, Veth, Dummy, Vlan, Ifb {
    /** The new link's name. */
    String name();

    /** Says what is created, for error messages, e.g. "veth veth0 (peer eth0)". */
    String describe();

    /** The RTM_NEWLINK request (NLM_F_CREATE | NLM_F_EXCL) that creates this link. */
    MessageWriter toMessage();
}
