package io.jcni.plugin.bandwidth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcni.conf.CniException;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.FieldReader;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.result.IpPrefix;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bandwidth plugin's options. As in the reference, the top-level keys win when any of them is
 * present, else {@code runtimeConfig.bandwidth} applies. Keys match case-insensitively, as Go's
 * decoder does, because containerd sends the capability with Go field names ({@code IngressRate}).
 *
 * @param network the network name, from which the ifb device's name is derived
 * @param shaping the entry in force, empty when neither place has one
 */
record BandwidthConfig(String network, Optional<Shaping> shaping) {
    private static final FieldReader READER = new FieldReader(ErrorCode.INVALID_NETWORK_CONFIG);
    private static final List<String> KEYS = List.of("ingressRate", "ingressBurst", "egressRate", "egressBurst",
            "unshapedSubnets", "shapedSubnets");
    /** The reference refuses bursts of 4 GiB and more (burst / 8 must stay below 2^32 - 1 bytes). */
    private static final long MAX_BURST_BYTES = 0xFFFFFFFFL - 1;
    private static final BigInteger MAX_RATE = BigInteger.valueOf(Long.MAX_VALUE);

    static BandwidthConfig of(NetworkConfig conf) throws CniException {
        ObjectNode raw = conf.raw();
        Optional<Shaping> shaping;
        if (KEYS.stream().anyMatch(k -> field(raw, k).isPresent())) {
            shaping = Optional.of(entry(raw, ""));
        } else {
            Optional<JsonNode> bw = field(conf.runtimeConfig(), "bandwidth");
            shaping = bw.isEmpty() ? Optional.empty()
                    : Optional.of(entry(READER.object(bw.get(), "runtimeConfig.bandwidth"), "runtimeConfig.bandwidth"));
        }
        return new BandwidthConfig(conf.name(), shaping);
    }

    private static Shaping entry(ObjectNode o, String path) throws CniException {
        Shaping s = new Shaping(
                bits(o, path, "ingressRate"), bits(o, path, "ingressBurst"),
                bits(o, path, "egressRate"), bits(o, path, "egressBurst"),
                subnets(o, path, "unshapedSubnets"), subnets(o, path, "shapedSubnets"));
        pair(path, "ingress", s.ingressRate(), s.ingressBurst());
        pair(path, "egress", s.egressRate(), s.egressBurst());
        if (!s.unshapedSubnets().isEmpty() && !s.shapedSubnets().isEmpty()) {
            throw READER.error(FieldReader.path(path, "unshapedSubnets"), "cannot be combined with shapedSubnets; set one of them");
        }
        return s;
    }

    /** Rate and burst go together, as in the reference; and the kernel needs at least a byte of each. */
    private static void pair(String path, String direction, long rate, long burst) throws CniException {
        String rateKey = FieldReader.path(path, direction + "Rate");
        String burstKey = FieldReader.path(path, direction + "Burst");
        if (rate != 0 && burst == 0) {
            throw READER.error(burstKey, "must be set when " + direction + "Rate is set");
        }
        if (burst != 0 && rate == 0) {
            throw READER.error(rateKey, "must be set when " + direction + "Burst is set");
        }
        if (rate != 0 && rate < 8) {
            throw READER.error(rateKey, rate + " bits/s is below the smallest rate tc can express (8 bits/s, 1 byte/s)");
        }
        if (burst != 0 && burst < 8) {
            throw READER.error(burstKey, burst + " bits is below the smallest burst (8 bits, 1 byte)");
        }
        if (burst / 8 > MAX_BURST_BYTES) {
            throw READER.error(burstKey, burst + " bits is 4 GiB or more; the kernel's burst is a 32-bit byte count");
        }
    }

    /** A non-negative integer, as Go's uint64 takes it (no fraction, no exponent, no string). */
    private static long bits(ObjectNode o, String path, String key) throws CniException {
        Optional<JsonNode> n = field(o, key);
        if (n.isEmpty()) {
            return 0;
        }
        JsonNode v = n.get();
        String p = FieldReader.path(path, key);
        if (!v.isIntegralNumber() || v.bigIntegerValue().signum() < 0) {
            throw READER.mismatch(p, "a non-negative integer", v);
        }
        if (v.bigIntegerValue().compareTo(MAX_RATE) > 0) {
            throw READER.error(p, v.bigIntegerValue() + " is larger than " + Long.MAX_VALUE);
        }
        return v.longValue();
    }

    private static List<String> subnets(ObjectNode o, String path, String key) throws CniException {
        Optional<JsonNode> n = field(o, key);
        String p = FieldReader.path(path, key);
        if (n.isEmpty()) {
            return List.of();
        }
        if (!n.get().isArray()) {
            throw READER.mismatch(p, "an array of CIDR strings", n.get());
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.get().size(); i++) {
            JsonNode item = n.get().get(i);
            String ip = FieldReader.index(p, i);
            if (!item.isTextual()) {
                throw READER.mismatch(ip, "a CIDR string", item);
            }
            try {
                IpPrefix.parse(item.textValue());
            } catch (IllegalArgumentException e) {
                throw READER.error(ip, e.getMessage());
            }
            out.add(item.textValue());
        }
        return out;
    }

    /** The value of {@code key} matched case-insensitively, the last match winning, as Go decodes; null counts as absent. */
    static Optional<JsonNode> field(ObjectNode o, String key) {
        JsonNode found = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(key)) {
                found = e.getValue();
            }
        }
        return found == null || found.isNull() ? Optional.empty() : Optional.of(found);
    }
}
