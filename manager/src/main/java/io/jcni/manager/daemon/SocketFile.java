package io.jcni.manager.daemon;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The daemon's socket file: its directory, a stale file from a dead daemon, a live one. */
public final class SocketFile {
    private SocketFile() {
    }

    /** Thrown when a daemon already answers on the socket. */
    public static final class AlreadyRunning extends IOException {
        AlreadyRunning(Path socket) {
            super("a jcni daemon is already running on " + socket);
        }
    }

    /** Creates the socket's directory, only root's (0700), unless it exists. */
    public static void createDirectory(Path socket) throws IOException {
        Path dir = socket.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
    }

    static void prepare(Path socket) throws IOException {
        createDirectory(socket);
        if (Files.exists(socket)) {
            if (answers(socket)) {
                throw new AlreadyRunning(socket);
            }
            // Left by a daemon that died without cleaning up: nobody listens, take it over.
            Files.delete(socket);
        }
    }

    /** Whether something accepts connections on {@code socket}. */
    public static boolean answers(Path socket) {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            return ch.isConnected();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static int ownUid() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }
}
