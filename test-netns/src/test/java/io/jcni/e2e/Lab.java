package io.jcni.e2e;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One test's lab: everything made through it is removed in reverse order by {@link #close()}, also
 * when the test failed halfway. Declare it as {@code @AutoClose final Lab lab = new Lab();}.
 */
public final class Lab implements AutoCloseable {
    private final Deque<AutoCloseable> made = new ArrayDeque<>();

    public SandboxHost host() {
        return keep(SandboxHost.create());
    }

    public ExternalNetwork external(SandboxHost host) {
        return keep(ExternalNetwork.create(host));
    }

    public PausePod pausePod() {
        return keep(PausePod.start());
    }

    public NetnsPod netnsPod() {
        return keep(NetnsPod.create());
    }

    /** Registers anything else that must go when the test ends (a containerd, a capture). */
    public <T extends AutoCloseable> T keep(T resource) {
        made.push(resource);
        return resource;
    }

    @Override
    public void close() throws Exception {
        Exception failure = null;
        while (!made.isEmpty()) {
            try {
                made.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
