package io.jcni.ipam.hostlocal;

import io.jcni.conf.CniException;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.Identifiers;
import io.jcni.conf.result.IpText;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * The reference host-local store, byte for byte, so the Go plugin and ours can serve one network
 * at once: {@code DATADIR/NETNAME/} holds one file per reserved address, named by the address as
 * Go prints it and containing {@code CONTAINERID\r\nIFNAME}; {@code last_reserved_ip.N} per range
 * set; and {@code lock}, flock'ed around every operation.
 */
public final class HostLocalStore {
    public static final Path DEFAULT_DATA_DIR = Path.of("/var/lib/cni/networks");
    static final String LOCK_FILE = "lock";
    static final String LAST_RESERVED_PREFIX = "last_reserved_ip.";
    /** Files being written; never an address, so readers (ours and the reference's) skip them. */
    static final String TEMP_PREFIX = ".tmp-";
    private static final FileAttribute<?> DIR_MODE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x"));
    private static final FileAttribute<?> FILE_MODE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final int LOCK_MODE = 0600;

    private final Path dir;

    private HostLocalStore(Path dir) {
        this.dir = dir;
    }

    /**
     * The store of {@code network} under {@code dataDir}. Both come from the network config, so a
     * name or directory that could point anywhere else is code 7.
     */
    public static HostLocalStore of(Path dataDir, String network) throws CniException {
        // The spec's name rule admits no '/', NUL or leading '.', so no name leaves dataDir.
        Optional<String> bad = Identifiers.checkNetworkName(network);
        if (bad.isPresent()) {
            throw new CniException(ErrorCode.INVALID_NETWORK_CONFIG, "name: " + bad.get());
        }
        return new HostLocalStore(dataDir.resolve(network));
    }

    /** Checks a configured {@code dataDir}: absolute, no {@code ..} component, no NUL. */
    public static Path dataDir(String configured) throws CniException {
        if (configured == null || configured.isEmpty()) {
            return DEFAULT_DATA_DIR;
        }
        if (configured.indexOf('\0') >= 0 || !configured.startsWith("/")) {
            throw new CniException(ErrorCode.INVALID_NETWORK_CONFIG,
                    "ipam.dataDir: \"" + configured + "\" must be an absolute path");
        }
        for (String part : configured.split("/")) {
            if (part.equals("..")) {
                throw new CniException(ErrorCode.INVALID_NETWORK_CONFIG,
                        "ipam.dataDir: \"" + configured + "\" must not contain \"..\"");
            }
        }
        return Path.of(configured).normalize();
    }

    public Path directory() {
        return dir;
    }

    public boolean exists() {
        return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS);
    }

    /** Creates the store if needed and locks it; every read and write happens under the lock. */
    public Locked lock() throws CniException {
        if (Files.isSymbolicLink(dir)) {
            // swapped for a link, the store would be written wherever the link points
            throw new CniException(ErrorCode.IO_FAILURE, "host-local store " + dir
                    + ": is a symbolic link, not a directory; refusing to follow it");
        }
        try {
            Files.createDirectories(dir, DIR_MODE);
            return new Locked(Flock.exclusive(dir.resolve(LOCK_FILE), LOCK_MODE));
        } catch (IOException e) {
            throw new CniException(ErrorCode.IO_FAILURE, "host-local store " + dir + ": cannot lock", e);
        }
    }

    /** The store while its lock is held. */
    public final class Locked implements AutoCloseable {
        private final Flock flock;

        private Locked(Flock flock) {
            this.flock = flock;
            removeTemporaries();
        }

        /**
         * Reserves {@code address} for the attachment unless some file already names it, and
         * records it as range set {@code rangeSet}'s last reservation.
         */
        public boolean reserve(InetAddress address, String containerId, String ifname, int rangeSet)
                throws CniException {
            Path file = dir.resolve(IpText.format(address));
            byte[] content = (containerId + Reservation.SEPARATOR + ifname).getBytes(StandardCharsets.UTF_8);
            // Written whole to a temporary file first, then linked in: link(2) fails when the name
            // exists (whoever wrote it: taken), and a full disk or a kill leaves no half-written
            // reservation, only a temporary file the next locked call removes.
            Path tmp = writeTemporary(IpText.format(address), content);
            try {
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (IOException e) {
                throw io("reserve " + file, e);
            } finally {
                deleteQuietly(tmp);
            }
            try {
                writeLastReserved(rangeSet, address);
            } catch (CniException e) {
                deleteQuietly(file);
                throw e;
            }
            return true;
        }

        private void writeLastReserved(int rangeSet, InetAddress address) throws CniException {
            Path file = dir.resolve(LAST_RESERVED_PREFIX + rangeSet);
            Path tmp = writeTemporary(file.getFileName().toString(), IpText.format(address).getBytes(StandardCharsets.UTF_8));
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                deleteQuietly(tmp);
                throw io("write " + file, e);
            }
        }

        /** {@code content} in a new file {@code TEMP_PREFIX + name} of the store, removed again on failure. */
        private Path writeTemporary(String name, byte[] content) throws CniException {
            Path tmp = dir.resolve(TEMP_PREFIX + name);
            try {
                Files.deleteIfExists(tmp);
                try (SeekableByteChannel ch = Files.newByteChannel(tmp,
                        EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), FILE_MODE)) {
                    ByteBuffer buf = ByteBuffer.wrap(content);
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                }
                return tmp;
            } catch (IOException e) {
                deleteQuietly(tmp);
                throw io("write " + tmp, e);
            }
        }

        private static void deleteQuietly(Path file) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the next locked call removes a leftover temporary file; a reservation file that
                // cannot be removed is what the caller's error already reports
            }
        }

        /** Temporary files of calls killed while they held the lock: nobody else writes under it. */
        private void removeTemporaries() {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, TEMP_PREFIX + "*")) {
                for (Path f : files) {
                    deleteQuietly(f);
                }
            } catch (IOException ignored) {
                // listing failed: the store's own operations report that
            }
        }

        /** The address last reserved in range set {@code rangeSet}, if recorded and readable. */
        public Optional<InetAddress> lastReserved(int rangeSet) {
            try {
                String text = Files.readString(dir.resolve(LAST_RESERVED_PREFIX + rangeSet)).strip();
                return Optional.of(IpText.parse(text));
            } catch (IOException | IllegalArgumentException e) {
                // A missing or garbled record only costs round-robin order, as in the reference.
                return Optional.empty();
            }
        }

        public boolean isReserved(InetAddress address) {
            return Files.exists(dir.resolve(IpText.format(address)), LinkOption.NOFOLLOW_LINKS);
        }

        /** Every address file in the store; other files (lock, last_reserved_ip.N) are skipped. */
        public List<Reservation> reservations() throws CniException {
            List<Reservation> out = new ArrayList<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    if (name.equals(LOCK_FILE) || name.startsWith(LAST_RESERVED_PREFIX)
                            || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                        continue;
                    }
                    InetAddress address;
                    try {
                        address = IpText.parse(name);
                    } catch (IllegalArgumentException notAnAddress) {
                        continue;
                    }
                    try {
                        // decoded leniently: a stray byte must not hide the other reservations
                        out.add(Reservation.parse(address,
                                new String(Files.readAllBytes(file), StandardCharsets.UTF_8)));
                    } catch (NoSuchFileException gone) {
                        // removed by a process that does not take the lock; nothing to report
                    }
                }
            } catch (IOException e) {
                throw io("list " + dir, e);
            }
            return out;
        }

        /** The attachment's reservations; entries of old reference versions only if there is no other. */
        public List<Reservation> heldBy(String containerId, String ifname) throws CniException {
            List<Reservation> all = reservations();
            List<Reservation> exact = all.stream().filter(r -> r.heldBy(containerId, ifname, false)).toList();
            return exact.isEmpty()
                    ? all.stream().filter(r -> r.heldBy(containerId, ifname, true)).toList()
                    : exact;
        }

        public void release(Reservation reservation) throws CniException {
            Path file = dir.resolve(IpText.format(reservation.address()));
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw io("release " + file, e);
            }
        }

        private CniException io(String what, IOException e) {
            return new CniException(ErrorCode.IO_FAILURE, "host-local store: cannot " + what, e);
        }

        @Override
        public void close() {
            flock.close();
        }
    }
}
