package io.jcni.plugin.bridge.firewall;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which kernel API the installed iptables tools write to. Debian and most current distributions
 * install {@code xtables-nft-multi} (iptables-nft) behind the {@code iptables*} alternatives
 * symlinks: its tables are nf_tables tables ({@code ip nat}, {@code ip6 nat}) that our netlink
 * client can read and change without starting a process. {@code xtables-legacy-multi} writes the
 * old x_tables blobs, which only the tools themselves can read.
 *
 * <p>The rule: resolve the tool's symlinks; a binary whose name contains {@code nft} is
 * iptables-nft, anything else is treated as legacy (the slower but always correct path).
 */
public enum XtablesVariant {
    NFT, LEGACY;

    /** The variant behind {@code tool} (e.g. {@code iptables-restore}), without starting it. */
    public static XtablesVariant of(String tool) {
        return HostTools.find(tool).flatMap(XtablesVariant::realPath).map(XtablesVariant::ofBinary).orElse(LEGACY);
    }

    /** The variant a resolved binary path stands for. */
    static XtablesVariant ofBinary(Path binary) {
        Path name = binary.getFileName();
        return name != null && name.toString().contains("nft") ? NFT : LEGACY;
    }

    private static Optional<Path> realPath(Path p) {
        try {
            return Optional.of(p.toRealPath());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
