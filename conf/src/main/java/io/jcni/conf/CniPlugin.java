package io.jcni.conf;

import io.jcni.conf.result.Result;

/**
 * A CNI plugin as a library: every verb is a method call on a {@link Request}. Implementations
 * never touch the process (environment, stdin, stdout, exit) and keep no state in statics, so
 * one JVM can serve many requests.
 */
public interface CniPlugin {
    /** The {@code type} this plugin answers to, e.g. {@code bridge}; also its executable's name. */
    String type();

    Result add(Request request) throws CniException;

    void del(Request request) throws CniException;

    void check(Request request) throws CniException;

    /** Succeeds when the plugin could serve an ADD now; else throws with code 50 or 51. */
    default void status(Request request) throws CniException {
    }

    /** Releases everything held for the network that is not in the valid attachments. */
    default void gc(Request request) throws CniException {
    }
}
