package io.jcni.manager.pod;

import io.jcni.netlink.NetlinkException;
import io.jcni.netlink.sys.Libc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A network namespace bind-mounted on a file, as {@code ip netns add} does, so it lives as long as
 * the mount, not as long as its processes: a pod's DEL still finds its namespace after the pause
 * process died. The mount is made in the caller's mount namespace (run jcni through
 * {@code nsenter --net}, not {@code ip netns exec}, which makes a private one).
 */
final class NetnsMount {
    private NetnsMount() {
    }

    static void bind(Path namespace, Path target) throws PodException {
        try {
            Files.createFile(target);
            Libc.mount(namespace.toString(), target.toString(), null, Libc.MS_BIND);
        } catch (IOException | NetlinkException e) {
            throw new PodException("cannot bind-mount " + namespace + " on " + target + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code file} holds a namespace (an nsfs mount), rather than being an empty file. */
    static boolean mounted(Path file) {
        try {
            return Files.exists(file) && "nsfs".equals(Files.getFileStore(file).type());
        } catch (IOException e) {
            return false;
        }
    }

    /** Unmounts (lazily, as ip netns del) and removes the file; nothing to do when absent. */
    static void remove(Path file) throws PodException {
        try {
            if (mounted(file)) {
                Libc.umount2(file.toString(), Libc.MNT_DETACH);
            }
            Files.deleteIfExists(file);
        } catch (IOException | NetlinkException e) {
            throw new PodException("cannot unmount and remove " + file + ": " + e.getMessage(), e);
        }
    }
}
