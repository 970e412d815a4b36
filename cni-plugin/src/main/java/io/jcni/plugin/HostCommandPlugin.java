package io.jcni.plugin;

import io.jcni.conf.CniException;
import io.jcni.conf.CniPlugin;
import io.jcni.conf.Request;
import io.jcni.conf.result.Result;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A plugin that works in a host network namespace and runs each verb as one command object, made
 * per call for that namespace. Shared so that a plugin's facade only names its type, its commands
 * and its STATUS; a command per call keeps each call's state off the plugin object, which the
 * daemon shares between concurrent calls.
 */
public abstract class HostCommandPlugin implements CniPlugin {
    /** ADD: makes the command for {@code hostNetns} and runs it on {@code request}. */
    @FunctionalInterface
    protected interface AddVerb {
        Result run(Optional<Path> hostNetns, Request request) throws CniException;
    }

    /** DEL, CHECK or GC: makes the command for {@code hostNetns} and runs it on {@code request}. */
    @FunctionalInterface
    protected interface Verb {
        void run(Optional<Path> hostNetns, Request request) throws CniException;
    }

    /** The command of each verb. */
    protected record Verbs(AddVerb add, Verb del, Verb check, Verb gc) {
        public Verbs {
            Objects.requireNonNull(add, "add");
            Objects.requireNonNull(del, "del");
            Objects.requireNonNull(check, "check");
            Objects.requireNonNull(gc, "gc");
        }
    }

    private final String type;
    /** Empty: the host namespace the calling thread is in (the process's, when run as an executable). */
    private final Optional<Path> hostNetns;
    private final Verbs verbs;

    /** Serves the host namespace the calling thread is in. */
    protected HostCommandPlugin(String type, Verbs verbs) {
        this(type, Optional.empty(), verbs);
    }

    /** Serves the host namespace at {@code hostNetns} (e.g. {@code /var/run/netns/NAME}), wherever the caller runs. */
    protected HostCommandPlugin(String type, Path hostNetns, Verbs verbs) {
        this(type, Optional.of(Objects.requireNonNull(hostNetns, "hostNetns")), verbs);
    }

    private HostCommandPlugin(String type, Optional<Path> hostNetns, Verbs verbs) {
        this.type = Objects.requireNonNull(type, "type");
        this.hostNetns = hostNetns;
        this.verbs = Objects.requireNonNull(verbs, "verbs");
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final Result add(Request request) throws CniException {
        return verbs.add().run(hostNetns, request);
    }

    @Override
    public final void del(Request request) throws CniException {
        verbs.del().run(hostNetns, request);
    }

    @Override
    public final void check(Request request) throws CniException {
        verbs.check().run(hostNetns, request);
    }

    @Override
    public final void gc(Request request) throws CniException {
        verbs.gc().run(hostNetns, request);
    }
}
