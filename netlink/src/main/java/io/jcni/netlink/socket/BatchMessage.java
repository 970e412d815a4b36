package io.jcni.netlink.socket;

import io.jcni.netlink.wire.MessageWriter;

/**
 * One message of a batch and the object it acts on, e.g. ("chain ip jcni POSTROUTING", msg),
 * so a failure names the object of the message the kernel refused.
 */
public record BatchMessage(String object, MessageWriter message) {
}
