package io.jcni.manager.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What install.sh fixed for this installation, in {@code LIB-DIR/jcni.conf} (the launcher names
 * LIB-DIR in the {@code jcni.home} system property): the socket the shims were built for.
 */
final class Settings {
    static final String HOME_PROPERTY = "jcni.home";
    static final Path DEFAULT_SOCKET = Path.of("/run/jcni/jcni.sock");

    private Settings() {
    }

    /** The installed socket path, else {@code /run/jcni/jcni.sock}. */
    static Path socket() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home == null) {
            return DEFAULT_SOCKET;
        }
        Path conf = Path.of(home, "jcni.conf");
        if (!Files.isReadable(conf)) {
            return DEFAULT_SOCKET;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(conf)) {
            p.load(r);
        } catch (IOException e) {
            return DEFAULT_SOCKET;
        }
        String socket = p.getProperty("socket", "").strip();
        return socket.isEmpty() ? DEFAULT_SOCKET : Path.of(socket);
    }

    /** The pid file next to the socket, as {@code start}, {@code stop} and {@code run} agree. */
    static Path pidFileFor(Path socket) {
        return socket.toAbsolutePath().resolveSibling("jcni.pid");
    }
}
