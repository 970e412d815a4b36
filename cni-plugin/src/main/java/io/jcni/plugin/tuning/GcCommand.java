package io.jcni.plugin.tuning;

import io.jcni.conf.CniException;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.Request;
import io.jcni.conf.ValidAttachment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * GC: removes this network's backups whose attachment the runtime no longer lists. Only files
 * jcni wrote for this network (their {@code network} key) are candidates: the reference writes no
 * network, and another network may share the directory.
 */
final class GcCommand {
    void run(Request req) throws CniException {
        NetworkConfig conf = NetworkConfig.parse(req.config());
        Path dir = TuningConfig.dataDir(conf);
        Set<Path> valid = new HashSet<>();
        for (ValidAttachment a : conf.validAttachments()) {
            valid.add(TuningBackup.file(dir, a.containerId(), a.ifname()).getFileName());
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".json")).toList();
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw new CniException(ErrorCode.IO_FAILURE, "list the tuning backups in " + dir, e);
        }
        for (Path f : files) {
            if (valid.contains(f.getFileName())) {
                continue;
            }
            Optional<TuningBackup> b = TuningBackup.read(f);
            if (b.isPresent() && b.get().network().equals(Optional.of(conf.name()))) {
                TuningBackup.delete(f);
            }
        }
    }
}
