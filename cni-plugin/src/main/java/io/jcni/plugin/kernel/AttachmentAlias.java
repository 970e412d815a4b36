package io.jcni.plugin.kernel;

import java.util.Optional;

/**
 * The alias (ifalias) written on every host veth: {@code jcni:NETWORK:CONTAINERID:IFNAME}. GC
 * reads it to tell this network's veths from others on the same bridge (the reference's, another
 * network's) and to know which attachment each belongs to. Colons cannot occur in network names,
 * container IDs or ifnames, so the split is unambiguous.
 */
public record AttachmentAlias(String network, String containerId, String ifname) {
    static final String PREFIX = "jcni:";

    public String text() {
        return PREFIX + network + ":" + containerId + ":" + ifname;
    }

    public static Optional<AttachmentAlias> parse(String alias) {
        if (alias == null || !alias.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = alias.substring(PREFIX.length()).split(":", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AttachmentAlias(parts[0], parts[1], parts[2]));
    }
}
