package io.jcni.conf;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collection;
import java.util.List;

/**
 * The answer to {@code VERSION}: {@code {"cniVersion":"1.1.0","supportedVersions":[...]}}.
 * Versions are kept as text because another plugin's answer may list versions jcni does not know.
 */
public record VersionInfo(String cniVersion, List<String> supportedVersions) {
    private static final FieldReader READER = new FieldReader(ErrorCode.DECODING_FAILURE);

    public VersionInfo {
        supportedVersions = List.copyOf(supportedVersions);
    }

    /** jcni's answer for the given versions, oldest first. */
    public static VersionInfo of(Collection<CniVersion> supported) {
        return new VersionInfo(CniVersion.LATEST.text(),
                supported.stream().sorted().distinct().map(CniVersion::text).toList());
    }

    /** Reads another plugin's VERSION output; anything else is code 6. */
    public static VersionInfo parse(byte[] output) throws CniException {
        ObjectNode o = Json.readObject(output, "version info");
        return new VersionInfo(READER.requiredString(o, "", "cniVersion"),
                READER.optStringList(o, "", "supportedVersions"));
    }

    public boolean supports(CniVersion v) {
        return supportedVersions.contains(v.text());
    }

    public ObjectNode toJson() {
        ObjectNode out = Json.object();
        out.put("cniVersion", cniVersion);
        ArrayNode a = out.putArray("supportedVersions");
        supportedVersions.forEach(a::add);
        return out;
    }

    /** The bytes to print: compact JSON and a newline, exactly as the reference plugins print it. */
    public byte[] toBytes() {
        byte[] json = Json.compact(toJson());
        byte[] out = java.util.Arrays.copyOf(json, json.length + 1);
        out[json.length] = '\n';
        return out;
    }
}
