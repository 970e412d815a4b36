package io.jcni.e2e;

/**
 * The "outside world" of a sandbox host: a namespace joined to the host by a veth pair with
 * documentation addresses. It has no route to any pod subnet, so a pod's packets only come back
 * when the host masquerades them to {@link #HOST_IPV4} / {@link #HOST_IPV6}.
 */
public final class ExternalNetwork extends LabNamespace {
    public static final String IPV4 = "203.0.113.1";
    public static final String HOST_IPV4 = "203.0.113.2";
    public static final String IPV6 = "2001:db8:ff::1";
    public static final String HOST_IPV6 = "2001:db8:ff::2";
    /** The external end of the veth pair, inside this namespace. */
    public static final String INTERFACE = "eth0";
    /** The host end of the veth pair, inside the sandbox host. */
    public static final String HOST_INTERFACE = "ext0";

    private ExternalNetwork(String name) {
        super(name);
    }

    public static ExternalNetwork create(SandboxHost host) {
        return create(host.name());
    }

    /** The outside world of a host namespace made by another tool (the CRI lab's node). */
    static ExternalNetwork create(String hostNamespace) {
        String name = Names.unique("ext");
        LabScript.run("external", hostNamespace, name);
        return new ExternalNetwork(name);
    }
}
