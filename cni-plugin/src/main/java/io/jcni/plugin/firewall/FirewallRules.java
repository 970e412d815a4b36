package io.jcni.plugin.firewall;

import io.jcni.plugin.kernel.HostErrors;
import io.jcni.conf.CniException;
import io.jcni.conf.ValidAttachment;

import java.util.Set;

/** One backend's rules for pods: what each verb does to the host's firewall. */
interface FirewallRules {
    /** Lets the pod's addresses be forwarded (and applies the ingress policy); idempotent. */
    void add(PodAddresses pod, FirewallConfig cfg) throws CniException;

    /** Removes the pod's rules; succeeds when they are already gone. */
    void del(PodAddresses pod, FirewallConfig cfg) throws CniException;

    /** Fails with {@link HostErrors#STATE_DIFFERS} naming the first missing rule. */
    void check(PodAddresses pod, FirewallConfig cfg) throws CniException;

    /** Removes rules of this network's attachments that are not in {@code valid}, where the backend can tell. */
    void gc(String network, Set<ValidAttachment> valid) throws CniException;
}
