package io.jcni.plugin.bridge.firewall;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcni.conf.CniException;
import io.jcni.conf.Json;
import io.jcni.plugin.bridge.BridgeErrors;
import io.jcni.plugin.bridge.MacAddress;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code macspoofchk}: frames entering the bridge from a pod's host veth pass only with the pod's
 * own source MAC. Same objects as the reference, so either plugin removes the other's: table
 * {@code bridge nat}, base chain {@code PREROUTING} (filter hook prerouting, priority -300) with
 * {@code iifname VETH jump cni-br-iface-REF}, that chain jumping to {@code cni-br-iface-REF-mac}
 * which returns for the pod's MAC and drops the rest; every rule commented {@code macspoofchk-REF},
 * where REF is {@code CONTAINERID-IFNAME}.
 */
public final class MacSpoofCheck {
    static final String TABLE = "bridge nat";
    static final String BASE_CHAIN = "PREROUTING";
    static final String NFT = "nft";
    private final HostTools tools;

    public MacSpoofCheck(HostTools tools) {
        this.tools = tools;
    }

    /** The reference's per-attachment id. */
    static String refId(String containerId, String ifname) {
        return containerId + "-" + ifname;
    }

    static String ifaceChain(String ref) {
        return "cni-br-iface-" + ref;
    }

    static String comment(String ref) {
        return "macspoofchk-" + ref;
    }

    /** Installs the check for the pod's host veth and MAC, in one transaction. */
    public void add(String containerId, String ifname, String hostVeth, MacAddress mac) throws CniException {
        apply(addScript(refId(containerId, ifname), hostVeth, mac), "install the MAC spoof check for " + hostVeth);
    }

    static String addScript(String ref, String hostVeth, MacAddress mac) {
        String iface = ifaceChain(ref);
        String macChain = iface + "-mac";
        String c = " comment \"" + comment(ref) + "\"\n";
        return "add table " + TABLE + "\n"
                + "add chain " + TABLE + " " + BASE_CHAIN + " { type filter hook prerouting priority -300 ; policy accept ; }\n"
                + "add chain " + TABLE + " " + iface + "\n"
                + "add chain " + TABLE + " " + macChain + "\n"
                + "flush chain " + TABLE + " " + iface + "\n"
                + "flush chain " + TABLE + " " + macChain + "\n"
                + "add rule " + TABLE + " " + BASE_CHAIN + " iifname \"" + hostVeth + "\" jump " + iface + c
                + "add rule " + TABLE + " " + iface + " jump " + macChain + c
                + "add rule " + TABLE + " " + macChain + " ether saddr " + mac + " return" + c
                + "add rule " + TABLE + " " + macChain + " drop" + c;
    }

    /** Removes the attachment's rule and chains; succeeds when they are not there. */
    public void del(String containerId, String ifname) throws CniException {
        if (!HostTools.installed(NFT)) {
            return;
        }
        String ref = refId(containerId, ifname);
        String iface = ifaceChain(ref);
        HostTools.Output out = tools.run(NFT, List.of("-j", "list", "table", "bridge", "nat"), "");
        if (out.exitCode() != 0) {
            if (out.stderr().contains("No such file or directory")) {
                return;
            }
            throw new CniException(BridgeErrors.CHANGE_REFUSED, "nft: cannot list table " + TABLE, out.stderr().strip(), null);
        }
        StringBuilder sb = new StringBuilder();
        boolean ifaceChainExists = false;
        boolean macChainExists = false;
        for (JsonNode item : Json.read(out.stdout().getBytes(StandardCharsets.UTF_8), "nft -j output").path("nftables")) {
            JsonNode chain = item.get("chain");
            if (chain != null) {
                ifaceChainExists |= chain.path("name").asText().equals(iface);
                macChainExists |= chain.path("name").asText().equals(iface + "-mac");
            }
            JsonNode rule = item.get("rule");
            if (rule != null && rule.path("chain").asText().equals(BASE_CHAIN)
                    && rule.path("comment").asText().equals(comment(ref))) {
                sb.append("delete rule ").append(TABLE).append(' ').append(BASE_CHAIN)
                        .append(" handle ").append(rule.path("handle").asLong()).append('\n');
            }
        }
        // The iface chain jumps to the mac chain, so it goes first.
        if (ifaceChainExists) {
            sb.append("delete chain ").append(TABLE).append(' ').append(iface).append('\n');
        }
        if (macChainExists) {
            sb.append("delete chain ").append(TABLE).append(' ').append(iface).append("-mac\n");
        }
        if (!sb.isEmpty()) {
            apply(sb.toString(), "remove the MAC spoof check of " + ref);
        }
    }

    private void apply(String script, String what) throws CniException {
        HostTools.Output out = tools.run(NFT, List.of("-f", "-"), script);
        if (out.exitCode() != 0) {
            throw new CniException(BridgeErrors.CHANGE_REFUSED, "nft: could not " + what + " (exit " + out.exitCode() + ")",
                    out.stderr().strip() + "\ninput:\n" + script, null);
        }
    }
}
