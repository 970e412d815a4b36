package io.jcni.plugin.rules;

import io.jcni.netlink.testing.Command;

import java.util.List;

/** Expected hashes for tests, from coreutils' {@code sha512sum} rather than from our own code. */
public final class Sha512sum {
    private Sha512sum() {
    }

    public static String of(String text) {
        return Command.run(List.of("sh", "-c", "printf %s \"$0\" | sha512sum", text), "").substring(0, 128);
    }
}
