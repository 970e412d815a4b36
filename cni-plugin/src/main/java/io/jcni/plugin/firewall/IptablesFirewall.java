package io.jcni.plugin.firewall;

import io.jcni.plugin.kernel.HostErrors;
import io.jcni.conf.CniException;
import io.jcni.conf.ValidAttachment;
import io.jcni.conf.result.IpPrefix;
import io.jcni.conf.result.IpText;
import io.jcni.plugin.kernel.HostTools;
import io.jcni.plugin.rules.IptablesDump;

import io.jcni.plugin.rules.IptablesTool;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The iptables backend, with the reference plugin's chains and rules in table {@code filter} of
 * each address family the pod has addresses of: FORWARD jumps first to {@code CNI-FORWARD}
 * (comment {@code CNI firewall plugin rules}), which jumps first to the admin chain (comment
 * {@code CNI firewall plugin admin overrides}) and then holds, per pod address,
 * {@code -d IP -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT} and {@code -s IP -j ACCEPT}.
 * DEL removes only the pod's rules: the chains and jumps stay for other pods, as in the reference.
 * The rules carry no owner (they are the reference's), so GC cannot attribute them and leaves them.
 *
 * <p>Each change is one {@code iptables-restore --noflush} per family, planned from an
 * {@code iptables-save -t filter}; when a concurrent call changed the table in between, the
 * restore fails as a whole and is re-planned.
 */
final class IptablesFirewall implements FirewallRules {
    static final String TABLE = "filter";
    static final String FORWARD = "FORWARD";
    static final String PRIVATE_CHAIN = "CNI-FORWARD";
    static final String FILTER_COMMENT = "CNI firewall plugin rules";
    static final String ADMIN_COMMENT = "CNI firewall plugin admin overrides";
    private static final int ATTEMPTS = 3;

    /** What one attempt changes, planned from a fresh dump of the family's filter table. */
    @FunctionalInterface
    interface Plan {
        IptablesScript from(IptablesDump d);
    }

    private final IptablesTool tool;

    IptablesFirewall(HostTools tools) {
        this.tool = new IptablesTool(tools);
    }

    /** {@code -A FORWARD -m comment --comment "CNI firewall plugin rules" -j CNI-FORWARD}. */
    static String forwardJump() {
        return IptablesScript.rule(FORWARD, IptablesScript.comment(FILTER_COMMENT) + " -j " + PRIVATE_CHAIN);
    }

    /** {@code -A CNI-FORWARD -m comment --comment "CNI firewall plugin admin overrides" -j ADMIN}. */
    static String adminJump(String adminChain) {
        return IptablesScript.rule(PRIVATE_CHAIN, IptablesScript.comment(ADMIN_COMMENT) + " -j " + adminChain);
    }

    /** The two accept rules per pod address, in iptables-save's text ({@code /32} or {@code /128}). */
    static List<String> podRules(List<IpPrefix> addresses) {
        List<String> rules = new ArrayList<>();
        for (IpPrefix a : addresses) {
            String host = IpText.format(a.address()) + (a.isIpv4() ? "/32" : "/128");
            rules.add(IptablesScript.rule(PRIVATE_CHAIN, "-d " + host + " -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT"));
            rules.add(IptablesScript.rule(PRIVATE_CHAIN, "-s " + host + " -j ACCEPT"));
        }
        return rules;
    }

    @Override
    public void add(PodAddresses pod, FirewallConfig cfg) throws CniException {
        for (IptablesTool.Family f : IptablesTool.Family.values()) {
            List<IpPrefix> mine = pod.ofFamily(f.isIpv4());
            if (mine.isEmpty()) {
                continue;
            }
            change(f, "add firewall rules for " + pod.containerId(), d -> addScript(d, mine, cfg, pod.bridge()));
        }
    }

    /** Chains and jumps when missing, then the pod's rules when missing, then the ingress policy. */
    static IptablesScript addScript(IptablesDump d, List<IpPrefix> addresses, FirewallConfig cfg, Optional<String> bridge) {
        IptablesScript s = new IptablesScript(TABLE)
                .createChainUnlessIn(d, PRIVATE_CHAIN)
                .createChainUnlessIn(d, cfg.adminChain())
                .insertFirstUnlessIn(d, forwardJump())
                .insertFirstUnlessIn(d, adminJump(cfg.adminChain()));
        for (String r : podRules(addresses)) {
            s.appendUnlessIn(d, r);
        }
        if (cfg.ingressPolicy() == IngressPolicy.SAME_BRIDGE) {
            SameBridgeIsolation.addTo(s, d, bridge.orElseThrow());
        }
        return s;
    }

    @Override
    public void del(PodAddresses pod, FirewallConfig cfg) throws CniException {
        for (IptablesTool.Family f : IptablesTool.Family.values()) {
            List<IpPrefix> mine = pod.ofFamily(f.isIpv4());
            if (mine.isEmpty() || !IptablesTool.installed(f)) {
                continue;
            }
            change(f, "delete firewall rules for " + pod.containerId(), d -> {
                IptablesScript s = new IptablesScript(TABLE);
                for (String r : podRules(mine)) {
                    s.deleteAllIn(d, r);
                }
                return s;
            });
        }
    }

    @Override
    public void check(PodAddresses pod, FirewallConfig cfg) throws CniException {
        for (IptablesTool.Family f : IptablesTool.Family.values()) {
            List<IpPrefix> mine = pod.ofFamily(f.isIpv4());
            if (mine.isEmpty()) {
                continue;
            }
            IptablesDump d = tool.dump(f, TABLE);
            for (String chain : List.of(PRIVATE_CHAIN, cfg.adminChain())) {
                if (!d.chains().contains(chain)) {
                    throw differs(f, "chain " + chain + " is missing");
                }
            }
            List<String> wanted = new ArrayList<>(List.of(forwardJump(), adminJump(cfg.adminChain())));
            wanted.addAll(podRules(mine));
            for (String rule : wanted) {
                if (!d.rules().contains(rule)) {
                    throw differs(f, "rule missing: " + rule);
                }
            }
        }
    }

    /** The reference's rules name no attachment, so there is nothing GC could attribute. */
    @Override
    public void gc(String network, Set<ValidAttachment> valid) {
    }

    private void change(IptablesTool.Family f, String what, Plan plan) throws CniException {
        for (int attempt = 1; ; attempt++) {
            IptablesScript s = plan.from(tool.dump(f, TABLE));
            if (s.isEmpty()) {
                return;
            }
            Optional<String> complaint = tool.tryRestore(f, s.text());
            if (complaint.isEmpty()) {
                return;
            }
            if (attempt == ATTEMPTS) {
                throw tool.refused(f, what, complaint.get(), s.text());
            }
        }
    }

    private static CniException differs(IptablesTool.Family f, String what) {
        return new CniException(HostErrors.STATE_DIFFERS, "firewall: " + (f.isIpv4() ? "iptables" : "ip6tables")
                + " table filter: " + what);
    }
}
