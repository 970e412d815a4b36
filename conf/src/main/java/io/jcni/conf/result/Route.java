package io.jcni.conf.result;

import java.net.InetAddress;

/**
 * One entry of a result's {@code routes}. Everything but {@code dst} may be null; {@code mtu},
 * {@code advmss}, {@code priority}, {@code table} and {@code scope} exist from 1.1.0 on.
 */
public record Route(IpPrefix dst, InetAddress gw, Integer mtu, Integer advmss, Integer priority,
                    Integer table, Integer scope) {
    public Route(IpPrefix dst, InetAddress gw) {
        this(dst, gw, null, null, null, null, null);
    }
}
