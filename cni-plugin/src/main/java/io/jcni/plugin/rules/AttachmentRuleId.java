package io.jcni.plugin.rules;

import java.util.Objects;

/**
 * Which attachment a set of host rules (masquerade, firewall) belongs to, and the names and
 * comments both backends derive from it exactly as the reference plugins do, so that either
 * plugin finds (and deletes) the other's rules from (network, container ID, ifname) alone.
 */
public record AttachmentRuleId(String network, String containerId, String ifname) {
    /** nftables limits rule comments to 128 bytes; the reference truncates to that. */
    static final int NFT_COMMENT_MAX = 128;

    public AttachmentRuleId {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(containerId, "containerId");
        Objects.requireNonNull(ifname, "ifname");
    }

    /**
     * iptables: {@code CNI-} + the first 24 hex digits of SHA-512(network + containerID); the
     * reference ignores the ifname here, so one chain serves all of a container's interfaces.
     */
    public String iptablesChain() {
        return "CNI-" + Sha512.hexPrefix(network + containerId, 24);
    }

    /** iptables: the comment on every rule, {@code name: "NET" id: "ID"} in Go quoting. */
    public String iptablesComment() {
        return "name: " + GoQuote.quote(network) + " id: " + GoQuote.quote(containerId);
    }

    /** nftables: the first 16 hex digits of SHA-512(network); every rule comment of the network starts with it. */
    public static String nftNetworkHash(String network) {
        return Sha512.hexPrefix(network, 16);
    }

    /** nftables: network hash + {@code -} + first 16 hex of SHA-512(ifname + ":" + containerID). */
    public String nftInstanceHash() {
        return nftNetworkHash(network) + "-" + Sha512.hexPrefix(ifname + ":" + containerId, 16);
    }

    /**
     * nftables: the rule comment, {@code HASH, net: NET, if: IF, id: ID} with double quotes
     * removed, cut at 128 bytes (all parts are ASCII for valid CNI names).
     */
    public String nftComment() {
        String c = nftInstanceHash() + ", net: " + network.replace("\"", "") + ", if: " + ifname.replace("\"", "")
                + ", id: " + containerId.replace("\"", "");
        return c.length() > NFT_COMMENT_MAX ? c.substring(0, NFT_COMMENT_MAX) : c;
    }
}
