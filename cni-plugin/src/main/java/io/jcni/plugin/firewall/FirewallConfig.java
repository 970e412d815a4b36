package io.jcni.plugin.firewall;

import io.jcni.conf.CniException;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.FieldReader;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.result.Result;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;
import java.util.Set;

/**
 * The firewall plugin's options, as the reference reads them: {@code backend} (absent means
 * iptables here: jcni cannot ask the system bus whether firewalld runs), {@code iptablesAdminChainName}
 * (default {@code CNI-ADMIN}), {@code firewalldZone} (default {@code trusted}, only meaningful for
 * firewalld) and {@code ingressPolicy} (default {@code open}). Unknown values are refused by name.
 */
record FirewallConfig(String network, Backend backend, String adminChain, String firewalldZone,
                      IngressPolicy ingressPolicy, Optional<Result> prevResult) {
    static final String DEFAULT_ADMIN_CHAIN = "CNI-ADMIN";
    /** iptables refuses chain names longer than this. */
    static final int MAX_CHAIN_NAME = 28;
    /** Built-in chains and targets, and the chain that jumps to the admin chain (a loop). */
    static final Set<String> RESERVED_CHAIN_NAMES = Set.of("INPUT", "OUTPUT", "FORWARD", "PREROUTING", "POSTROUTING",
            "ACCEPT", "DROP", "RETURN", "REJECT", "QUEUE", IptablesFirewall.PRIVATE_CHAIN);
    private static final FieldReader READER = new FieldReader(ErrorCode.INVALID_NETWORK_CONFIG);

    static FirewallConfig of(NetworkConfig conf) throws CniException {
        ObjectNode raw = conf.raw();
        String backendText = READER.optString(raw, "", "backend").orElse("");
        Backend backend = backendText.isEmpty() ? Backend.IPTABLES : Backend.of(backendText).orElseThrow(() ->
                READER.error("backend", "unknown backend \"" + backendText + "\" (expected iptables, nftables or firewalld)"));
        String admin = READER.optString(raw, "", "iptablesAdminChainName").orElse("");
        if (admin.isEmpty()) {
            admin = DEFAULT_ADMIN_CHAIN;
        } else if (admin.length() > MAX_CHAIN_NAME || admin.startsWith("-") || admin.startsWith("!")
                || !admin.chars().allMatch(c -> c > ' ' && c < 127 && c != '"' && c != '\'')) {
            throw READER.error("iptablesAdminChainName", "\"" + admin + "\" is not a valid iptables chain name (1-"
                    + MAX_CHAIN_NAME + " printable characters, no spaces or quotes, not starting with - or !)");
        } else if (RESERVED_CHAIN_NAMES.contains(admin)) {
            throw READER.error("iptablesAdminChainName", "\"" + admin + "\" is a built-in chain or target, or the plugin's"
                    + " own CNI-FORWARD; name a chain of your own");
        }
        String zone = READER.optString(raw, "", "firewalldZone").orElse("");
        String policyText = READER.optString(raw, "", "ingressPolicy").orElse("");
        IngressPolicy policy = policyText.isEmpty() ? IngressPolicy.OPEN : IngressPolicy.of(policyText).orElseThrow(() ->
                READER.error("ingressPolicy", "unknown ingress policy \"" + policyText + "\" (expected open or same-bridge)"));
        return new FirewallConfig(conf.name(), backend, admin, zone.isEmpty() ? "trusted" : zone, policy, conf.prevResult());
    }

    /** ADD and CHECK work on prevResult's addresses; the reference refuses both without it. */
    Result requirePrevResult(String verb) throws CniException {
        return prevResult.orElseThrow(() -> new CniException(ErrorCode.INVALID_NETWORK_CONFIG,
                "prevResult: missing; " + verb + " needs the result of an earlier plugin (chain firewall after e.g. bridge)"));
    }
}
