package io.jcni.conf.result;

/**
 * One entry of a result's {@code interfaces}. {@code mtu}, {@code socketPath} and {@code pciID}
 * exist from 1.1.0 on; null means absent.
 */
public record Interface(String name, String mac, Integer mtu, String sandbox, String socketPath, String pciID) {
    public Interface(String name, String mac, String sandbox) {
        this(name, mac, null, sandbox, null, null);
    }
}
