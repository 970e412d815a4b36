package io.jcni.e2e;

/**
 * A sandbox "host" network namespace, standing in for a node: the plugins run inside it and create
 * their bridge, veths and firewall rules there, never in the machine's root namespace.
 */
public final class SandboxHost extends LabNamespace {
    private SandboxHost(String name) {
        super(name);
    }

    public static SandboxHost create() {
        String name = Names.unique("host");
        LabScript.run("host", name);
        return new SandboxHost(name);
    }
}
