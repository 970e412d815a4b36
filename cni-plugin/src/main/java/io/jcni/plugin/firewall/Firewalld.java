package io.jcni.plugin.firewall;

import io.jcni.conf.CniException;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code backend: firewalld}. jcni has no D-Bus client, so it cannot put interfaces into a
 * firewalld zone; the backend is refused with a CNI error that says why and what to use instead,
 * before anything is changed. When there is no system bus at all (the usual case on a node
 * without firewalld), the error says that no firewalld answers there, as the reference's does.
 */
final class Firewalld {
    /** Where the reference (godbus) dials the system bus. */
    static final Path SYSTEM_BUS = Path.of("/var/run/dbus/system_bus_socket");

    private Firewalld() {
    }

    static boolean systemBusExists(Path systemBus) {
        return Files.exists(systemBus);
    }

    static CniException unavailable(Path systemBus) {
        String why = systemBusExists(systemBus)
                ? "jcni cannot talk to firewalld over D-Bus (system bus at " + systemBus + ")"
                : "no firewalld answers on the system bus (" + systemBus + " does not exist)";
        return new CniException(FirewallErrors.BACKEND_UNAVAILABLE, "backend: firewalld: " + why
                + "; use backend \"iptables\" or \"nftables\"");
    }
}
