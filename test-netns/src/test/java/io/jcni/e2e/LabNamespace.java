package io.jcni.e2e;

import java.nio.file.Path;

/** A namespace {@code lab.sh} made at {@code /var/run/netns/NAME}; closing it runs {@code lab.sh down NAME}. */
public abstract class LabNamespace implements Netns, AutoCloseable {
    private final String name;

    LabNamespace(String name) {
        this.name = name;
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
