package io.jcni.plugin.bridge;

import io.jcni.conf.CniException;
import io.jcni.netlink.NetlinkException;

import java.util.function.Supplier;

/**
 * Runs one kernel operation and turns the netlink module's unchecked failure into a CNI error
 * that says what the plugin was doing, with the kernel's own words appended.
 */
public final class KernelCall {
    private KernelCall() {
    }

    public static <T> T get(String what, Supplier<T> op) throws CniException {
        try {
            return op.get();
        } catch (NetlinkException e) {
            throw new CniException(BridgeErrors.CHANGE_REFUSED, what + ": " + e.getMessage(), "", e);
        }
    }

    public static void run(String what, Runnable op) throws CniException {
        get(what, () -> {
            op.run();
            return null;
        });
    }
}
