package io.jcni.conf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcni.conf.result.Dns;
import io.jcni.conf.result.DnsJson;
import io.jcni.conf.result.Result;
import io.jcni.conf.result.ResultCodec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One plugin's network config, as it arrives on stdin: the keys the spec defines, validated and
 * typed, and the whole object for the plugin's own keys ({@link #bind}). Immutable; the trees
 * handed out are copies.
 */
public final class NetworkConfig {
    /** GC's list of attachments still in use (spec 1.1.0). */
    public static final String VALID_ATTACHMENTS = "cni.dev/valid-attachments";

    private static final FieldReader READER = new FieldReader(ErrorCode.INVALID_NETWORK_CONFIG);

    private final ObjectNode raw;
    private final CniVersion cniVersion;
    private final String name;
    private final String type;
    private final Dns dns;
    private final Optional<Result> prevResult;
    private final List<ValidAttachment> validAttachments;

    private NetworkConfig(ObjectNode raw) throws CniException {
        this.raw = raw;
        String version = READER.requiredString(raw, "", "cniVersion");
        this.cniVersion = CniVersion.parse(version, "cniVersion");
        this.name = READER.requiredString(raw, "", "name");
        Optional<String> badName = Identifiers.checkNetworkName(name);
        if (badName.isPresent()) {
            throw READER.error("name", badName.get());
        }
        this.type = READER.requiredString(raw, "", "type");
        READER.optObject(raw, "", "args");
        READER.optBoolean(raw, "", "ipMasq");
        READER.optObject(raw, "", "ipam");
        READER.optObject(raw, "", "runtimeConfig");
        Optional<ObjectNode> dnsNode = READER.optObject(raw, "", "dns");
        this.dns = dnsNode.isEmpty() ? Dns.EMPTY : DnsJson.read(dnsNode.get(), READER, "dns");
        Optional<JsonNode> prev = READER.opt(raw, "prevResult");
        this.prevResult = prev.isEmpty() ? Optional.empty()
                : Optional.of(ResultCodec.parse(prev.get(), cniVersion, READER, "prevResult"));
        this.validAttachments = readValidAttachments(raw);
    }

    /**
     * Parses stdin. Empty input, malformed JSON or a non-object is code 6; a missing or empty
     * {@code cniVersion}, {@code name} or {@code type}, an invalid network name, or a known key of
     * the wrong JSON type is code 7; a {@code cniVersion} jcni does not speak is code 1.
     */
    public static NetworkConfig parse(byte[] stdin) throws CniException {
        return of(Json.readObject(stdin, "network config"));
    }

    /** Validates an already parsed config object (a copy is kept). */
    public static NetworkConfig of(ObjectNode config) throws CniException {
        return new NetworkConfig(config.deepCopy());
    }

    private static List<ValidAttachment> readValidAttachments(ObjectNode raw) throws CniException {
        return ValidAttachment.listOf(READER.optArray(raw, "", VALID_ATTACHMENTS), VALID_ATTACHMENTS, READER);
    }

    public CniVersion cniVersion() {
        return cniVersion;
    }

    public String name() {
        return name;
    }

    public String type() {
        return type;
    }

    /** The {@code args} object (e.g. {@code args.cni.ips}); empty when absent. */
    public ObjectNode args() {
        return objectOrEmpty("args");
    }

    public boolean ipMasq() {
        JsonNode n = raw.get("ipMasq");
        return n != null && n.booleanValue();
    }

    /** The {@code ipam} section; its {@code type} names the IPAM plugin. */
    public Optional<ObjectNode> ipam() {
        JsonNode n = raw.get("ipam");
        return n == null || n.isNull() ? Optional.empty() : Optional.of(((ObjectNode) n).deepCopy());
    }

    public Dns dns() {
        return dns;
    }

    /** Capability arguments the runtime filled in; empty when absent. */
    public ObjectNode runtimeConfig() {
        return objectOrEmpty("runtimeConfig");
    }

    /** The previous plugin's (or ADD's) result, read in this config's version. */
    public Optional<Result> prevResult() {
        return prevResult;
    }

    /**
     * The previous plugin's result, for a call that cannot do without it; otherwise code 7 naming
     * the field, followed by {@code why} (what the plugin needs it for, where to chain it).
     */
    public Result requirePrevResult(String why) throws CniException {
        return prevResult.orElseThrow(() -> new CniException(ErrorCode.INVALID_NETWORK_CONFIG,
                "prevResult: missing; " + why));
    }

    /** GC's {@code cni.dev/valid-attachments}; empty when absent. */
    public List<ValidAttachment> validAttachments() {
        return validAttachments;
    }

    /** The whole config, including plugin-specific keys. */
    public ObjectNode raw() {
        return raw.deepCopy();
    }

    /** The config as bytes, e.g. to hand the whole config to an IPAM plugin as the spec says. */
    public byte[] toBytes() {
        return Json.compact(raw);
    }

    /** The config bytes with {@code field} set to {@code value}, or removed when value is null. */
    public byte[] toBytesWith(String field, JsonNode value) {
        ObjectNode copy = raw.deepCopy();
        if (value == null) {
            copy.remove(field);
        } else {
            copy.set(field, value.deepCopy());
        }
        return Json.compact(copy);
    }

    /**
     * The config bytes with {@code prevResult} set to r, written in this config's version; code 1
     * when that version cannot express r.
     */
    public byte[] toBytesWithPrevResult(Result r) throws CniException {
        return toBytesWith("prevResult", ResultCodec.toJson(r, cniVersion));
    }

    private ObjectNode objectOrEmpty(String key) {
        JsonNode n = raw.get(key);
        return n == null || n.isNull() ? Json.object() : ((ObjectNode) n).deepCopy();
    }
}
