package io.jcni.conf.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcni.conf.CniException;
import io.jcni.conf.CniVersion;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.FieldReader;
import io.jcni.conf.Json;

/**
 * Reads a result of any spec version into {@link Result} and writes a {@link Result} as any
 * version, in the reference plugins' field order and layout. Converting between versions is a
 * parse in one and a write in the other; fields the target lacks are dropped, and a result the
 * target cannot express (two IPv4 addresses as 0.2.0) is error code 1.
 */
public final class ResultCodec {
    private ResultCodec() {
    }

    /** Parses a result; undecodable content is error code 6 naming the field. */
    public static Result parse(JsonNode node, CniVersion v) throws CniException {
        return parse(node, v, new FieldReader(ErrorCode.DECODING_FAILURE), "");
    }

    /**
     * Parses a result found at {@code path} inside a larger document (e.g. a config's
     * {@code prevResult}), with failures reported by {@code reader} (its code, paths under path).
     */
    public static Result parse(JsonNode node, CniVersion v, FieldReader reader, String path) throws CniException {
        ObjectNode o = reader.object(node, path.isEmpty() ? "result" : path);
        return v.atLeast(CniVersion.V0_3_0) ? CurrentResultJson.read(o, reader, path)
                : LegacyResultJson.read(o, reader, path);
    }

    /** Reads a result as another plugin printed it (a delegated IPAM plugin's stdout). */
    public static Result read(byte[] bytes, CniVersion v) throws CniException {
        return parse(Json.readObject(bytes, "result"), v);
    }

    /** The result as a JSON tree in version v, with {@code cniVersion} set to v. */
    public static ObjectNode toJson(Result r, CniVersion v) throws CniException {
        return v.atLeast(CniVersion.V0_3_0) ? CurrentResultJson.write(r, v) : LegacyResultJson.write(r, v);
    }

    /** The bytes a plugin prints: {@link #toJson} laid out like the reference plugins' output. */
    public static byte[] write(Result r, CniVersion v) throws CniException {
        return Json.pretty(toJson(r, v));
    }
}
