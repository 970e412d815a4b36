package io.jcni.e2e;

import java.nio.file.Path;

/**
 * A sandbox "host" network namespace, standing in for a node: the plugins run inside it and create
 * their bridge, veths and firewall rules there, never in the machine's root namespace.
 */
public final class SandboxHost implements Netns, AutoCloseable {
    private final String name;

    private SandboxHost(String name) {
        this.name = name;
    }

    public static SandboxHost create() {
        String name = Names.unique("host");
        LabScript.run("host", name);
        return new SandboxHost(name);
    }

    public String name() {
        return name;
    }

    @Override
    public Path netnsPath() {
        return Path.of("/var/run/netns", name);
    }

    @Override
    public void close() {
        LabScript.run("down", name);
    }
}
