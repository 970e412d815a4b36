package io.jcni.e2e;

import java.nio.file.Path;

/** A pod whose network namespace is bind-mounted at {@code /var/run/netns/NAME} (the {@code ip netns} form). */
public final class NetnsPod implements Pod, AutoCloseable {
    private final String name;

    private NetnsPod(String name) {
        this.name = name;
    }

    public static NetnsPod create() {
        String name = Names.unique("npod");
        LabScript.run("netns-pod", name);
        return new NetnsPod(name);
    }

    @Override
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
