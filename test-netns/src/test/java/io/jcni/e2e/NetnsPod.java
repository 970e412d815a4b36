package io.jcni.e2e;

/** A pod whose network namespace is bind-mounted at {@code /var/run/netns/NAME} (the {@code ip netns} form). */
public final class NetnsPod extends LabNamespace implements Pod {
    private NetnsPod(String name) {
        super(name);
    }

    public static NetnsPod create() {
        String name = Names.unique("npod");
        LabScript.run("netns-pod", name);
        return new NetnsPod(name);
    }
}
