package io.jcni.manager.inventory;

import io.jcni.conf.result.IpText;

import java.net.InetAddress;

/** An address with its prefix length as {@code ip addr} shows it, e.g. {@code 10.88.0.2/16}. */
public record InterfaceAddress(InetAddress address, int prefixLength) {
    @Override
    public String toString() {
        return IpText.format(address) + "/" + prefixLength;
    }
}
