package io.jcni.manager.cleanup;

import io.jcni.conf.CniException;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.ValidAttachment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The runtime's list of attachments it still knows, given as {@code --valid-attachments FILE} in
 * the CNI GC format of {@code cni.dev/valid-attachments}: {@code [{"containerID": "...", "ifname": "..."}, ...]}.
 */
public final class ValidAttachmentsFile {
    private ValidAttachmentsFile() {
    }

    public static Set<ValidAttachment> read(Path file) throws CniException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CniException(ErrorCode.IO_FAILURE, "cannot read --valid-attachments " + file, e.toString());
        }
        return new LinkedHashSet<>(ValidAttachment.parseList(bytes, file.toString()));
    }
}
