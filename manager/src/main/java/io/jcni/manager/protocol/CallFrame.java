package io.jcni.manager.protocol;

import java.util.Map;

/**
 * One plugin call as the shim sent it.
 *
 * @param type    the plugin type (the executable's name)
 * @param env     the caller's whole environment, in the caller's order
 * @param stdin   everything the caller read from its stdin
 * @param fdCount how many descriptors follow the ack: the caller's network namespace, then
 *                {@code CNI_NETNS} opened by the caller when it could open it
 */
public record CallFrame(String type, Map<String, String> env, byte[] stdin, int fdCount) implements RequestFrame {
    public CallFrame {
        env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
        stdin = stdin.clone();
    }

    @Override
    public byte[] stdin() {
        return stdin.clone();
    }
}
