package io.jcni.netlink.testing;

import io.jcni.netlink.ns.NetNamespace;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A named network namespace for one test: {@code jt-} plus a random suffix (tests of several
 * modules run at once), created on construction and always removed by {@link #close()}. Use it
 * in try-with-resources, or let {@link ScratchNamespaceExtension} inject and remove it.
 */
public final class ScratchNamespace implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final NetNamespace namespace;
    private boolean closed;

    private ScratchNamespace(String name, NetNamespace namespace) {
        this.name = name;
        this.namespace = namespace;
    }

    /** Creates {@code jt-XXXXXXXX}. */
    public static ScratchNamespace create() {
        return create("");
    }

    /** Creates {@code jt-LABEL-XXXXXXXX}; the label helps to recognise a leak. */
    public static ScratchNamespace create(String label) {
        byte[] suffix = new byte[4];
        RANDOM.nextBytes(suffix);
        String name = "jt-" + (label.isEmpty() ? "" : label + "-") + HexFormat.of().formatHex(suffix);
        return new ScratchNamespace(name, NetNamespace.create(name));
    }

    public String name() {
        return name;
    }

    /** The open namespace; stays valid until {@link #close()}. */
    public NetNamespace namespace() {
        return namespace;
    }

    /** {@code /var/run/netns/NAME}, e.g. as a CNI_NETNS value. */
    public Path path() {
        return namespace.path();
    }

    /** Runs a command inside the namespace ({@code ip netns exec}); returns its output; fails the test unless it exits 0. */
    public String exec(String... command) {
        return execInput("", command);
    }

    /** As {@link #exec}, with {@code stdin} as the command's input. */
    public String execInput(String stdin, String... command) {
        return Command.run(inside(command), stdin);
    }

    /** Runs a command inside the namespace and returns its exit status only. */
    public int status(String... command) {
        return Command.status(inside(command));
    }

    private List<String> inside(String... command) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", name));
        argv.addAll(List.of(command));
        return argv;
    }

    /** Closes the handle and removes the name. Safe to call more than once. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            namespace.close();
        } finally {
            if (NetNamespace.exists(name)) {
                NetNamespace.delete(name);
            }
        }
    }
}
