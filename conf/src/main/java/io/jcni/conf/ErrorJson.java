package io.jcni.conf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The spec's error object, {@code {"cniVersion","code","msg","details"}}, which a failing plugin
 * prints on stdout. {@code details} is omitted when empty, as the reference plugins do. Those
 * (Debian's 1.1.1) print no {@code cniVersion}; the spec's object has it, and libcni ignores it.
 */
public final class ErrorJson {
    private static final FieldReader READER = new FieldReader(ErrorCode.DECODING_FAILURE);

    private ErrorJson() {
    }

    public static ObjectNode toJson(CniException e, String cniVersion) {
        ObjectNode out = Json.object();
        out.put("cniVersion", cniVersion);
        out.put("code", e.code());
        out.put("msg", e.msg() == null ? "" : e.msg());
        if (!e.details().isEmpty()) {
            out.put("details", e.details());
        }
        return out;
    }

    /** The bytes to print, laid out like the reference plugins' output. */
    public static byte[] write(CniException e, String cniVersion) {
        return Json.pretty(toJson(e, cniVersion));
    }

    /**
     * Reads the error another plugin printed (a delegated IPAM plugin), so it can be passed on
     * with its own code. Output that is no error object is code 6.
     */
    public static CniException parse(byte[] output) throws CniException {
        ObjectNode o = Json.readObject(output, "plugin error");
        JsonNode code = o.get("code");
        if (code == null || !code.canConvertToInt() || !code.isIntegralNumber() || code.intValue() < 1) {
            throw READER.mismatch("code", "a positive integer", code);
        }
        return new CniException(code.intValue(), READER.optString(o, "", "msg").orElse(""),
                READER.optString(o, "", "details").orElse(""), null);
    }
}
