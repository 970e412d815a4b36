package io.jcni.manager.net;

import io.jcni.conf.ConfList;

import java.nio.file.Path;

/**
 * A network as loaded from the config dir: the parsed list, the bytes libcni caches with every
 * attachment (the file's bytes, or the up-converted list for a single {@code .conf}), and its file.
 */
public record Network(ConfList list, byte[] bytes, Path file) {
    public Network {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public String name() {
        return list.name();
    }
}
