package io.jcni.plugin.tuning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcni.conf.CniException;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The interface settings an ADD changed, as they were before, kept until DEL puts them back. The
 * reference's file, so either implementation restores what the other changed:
 * {@code DATADIR/CONTAINERID_IFNAME.json} holding {@code mac}, {@code promisc}, {@code mtu},
 * {@code allmulti} and {@code txQLen}, each only when the ADD changed it. jcni adds
 * {@code network} (the reference ignores unknown keys) so GC can tell whose backup a file is when
 * several networks share the directory.
 */
record TuningBackup(Optional<String> mac, Optional<Boolean> promisc, int mtu, Optional<Boolean> allmulti,
                    Optional<Integer> txQLen, Optional<String> network) {

    static Path file(Path dataDir, String containerId, String ifname) {
        return dataDir.resolve(containerId + "_" + ifname + ".json");
    }

    /** Writes the backup atomically (a crash leaves the old file or the new one). */
    void write(Path file) throws CniException {
        ObjectNode j = Json.object();
        mac.ifPresent(m -> j.put("mac", m));
        promisc.ifPresent(p -> j.put("promisc", p));
        if (mtu != 0) {
            j.put("mtu", mtu);
        }
        allmulti.ifPresent(a -> j.put("allmulti", a));
        txQLen.ifPresent(t -> j.put("txQLen", t));
        network.ifPresent(n -> j.put("network", n));
        try {
            Files.createDirectories(file.getParent(), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, Json.pretty(j));
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new CniException(ErrorCode.IO_FAILURE, "write the tuning backup " + file, e);
        }
    }

    /**
     * The backup in {@code file}: empty when there is none, or when it cannot be read as one (as
     * the reference, which then has nothing to restore).
     */
    static Optional<TuningBackup> read(Path file) throws CniException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CniException(ErrorCode.IO_FAILURE, "read the tuning backup " + file, e);
        }
        JsonNode j;
        try {
            j = Json.read(bytes, file.toString());
        } catch (CniException e) {
            return Optional.empty();
        }
        if (!j.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new TuningBackup(
                text(j.get("mac")),
                j.path("promisc").isBoolean() ? Optional.of(j.get("promisc").booleanValue()) : Optional.empty(),
                j.path("mtu").canConvertToInt() ? j.path("mtu").intValue() : 0,
                j.path("allmulti").isBoolean() ? Optional.of(j.get("allmulti").booleanValue()) : Optional.empty(),
                j.path("txQLen").isIntegralNumber() ? Optional.of(j.get("txQLen").intValue()) : Optional.empty(),
                text(j.get("network"))));
    }

    static void delete(Path file) throws CniException {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new CniException(ErrorCode.IO_FAILURE, "remove the tuning backup " + file, e);
        }
    }

    private static Optional<String> text(JsonNode n) {
        return n != null && n.isTextual() && !n.textValue().isEmpty() ? Optional.of(n.textValue()) : Optional.empty();
    }
}
