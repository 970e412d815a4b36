package io.jcni.conf.result;

import java.net.InetAddress;

/**
 * One entry of a result's {@code ips}. {@code interfaceIndex} points into {@code interfaces} and may
 * be null; {@code gateway} may be null.
 */
public record IpConfig(IpPrefix address, InetAddress gateway, Integer interfaceIndex) {
    public boolean isIpv4() {
        return address.isIpv4();
    }
}
