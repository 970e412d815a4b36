package io.jcni.conf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/** One entry of GC's {@code cni.dev/valid-attachments}: an attachment the runtime still uses. */
public record ValidAttachment(String containerId, String ifname) {

    /**
     * A whole list in that format, {@code [{"containerID": "...", "ifname": "..."}, ...]}, as a
     * runtime hands it over in a file ({@code where} names it in errors): code 6 when it is not
     * such a list, naming the entry at fault.
     */
    public static List<ValidAttachment> parseList(byte[] json, String where) throws CniException {
        FieldReader reader = new FieldReader(ErrorCode.DECODING_FAILURE);
        JsonNode list = Json.read(json, where);
        if (!list.isArray()) {
            throw reader.mismatch(where, "a list of {\"containerID\", \"ifname\"}", list);
        }
        List<JsonNode> items = new ArrayList<>();
        list.forEach(items::add);
        return listOf(items, where, reader);
    }

    /** The entries of a list already read; errors name {@code field}[i] and the missing key. */
    static List<ValidAttachment> listOf(List<JsonNode> items, String field, FieldReader reader) throws CniException {
        List<ValidAttachment> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String p = FieldReader.index(field, i);
            ObjectNode o = reader.object(items.get(i), p);
            out.add(new ValidAttachment(reader.requiredString(o, p, "containerID"), reader.requiredString(o, p, "ifname")));
        }
        return List.copyOf(out);
    }
}
