package io.jcni.manager.cleanup;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcni.conf.CniException;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.Json;
import io.jcni.conf.ValidAttachment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The runtime's list of attachments it still knows, in the CNI GC format of
 * {@code cni.dev/valid-attachments}: {@code [{"containerID": "...", "ifname": "..."}, ...]}.
 */
public final class ValidAttachmentsFile {
    private ValidAttachmentsFile() {
    }

    public static Set<ValidAttachment> read(Path file) throws CniException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CniException(ErrorCode.IO_FAILURE, "cannot read --valid-attachments " + file, e);
        }
        JsonNode list = Json.read(bytes, file.toString());
        if (!list.isArray()) {
            throw new CniException(ErrorCode.DECODING_FAILURE, file + ": must be a JSON list of {\"containerID\", \"ifname\"}");
        }
        Set<ValidAttachment> out = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = list.get(i);
            String cid = e.path("containerID").asText("");
            String ifname = e.path("ifname").asText("");
            if (cid.isEmpty() || ifname.isEmpty()) {
                throw new CniException(ErrorCode.DECODING_FAILURE, file + ": [" + i + "]: needs \"containerID\" and \"ifname\" strings");
            }
            out.add(new ValidAttachment(cid, ifname));
        }
        return out;
    }
}
