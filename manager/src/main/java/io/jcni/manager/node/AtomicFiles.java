package io.jcni.manager.node;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Set;

/**
 * Writes files so that a reader (containerd scanning net.d, a runtime exec'ing a plugin) sees the
 * old content or the new, never a part: a temporary file in the same directory, then a rename.
 * A file that already holds the bytes and mode is left untouched, so a repeated install changes
 * nothing.
 */
final class AtomicFiles {
    private AtomicFiles() {
    }

    /** @return whether the file changed */
    static boolean write(Path target, byte[] content, Set<PosixFilePermission> mode) throws IOException {
        if (Files.isRegularFile(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                && Files.getPosixFilePermissions(target).equals(mode)
                && Arrays.equals(Files.readAllBytes(target), content)) {
            return false;
        }
        Files.createDirectories(target.getParent());
        // A dot name: containerd ignores it and it never shadows a plugin type.
        Path tmp = target.resolveSibling("." + target.getFileName() + ".jcni-new");
        Files.deleteIfExists(tmp);
        try {
            Files.write(tmp, content);
            Files.setPosixFilePermissions(tmp, mode);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return true;
    }
}
