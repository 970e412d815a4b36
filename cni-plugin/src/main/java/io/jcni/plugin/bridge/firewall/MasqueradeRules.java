package io.jcni.plugin.bridge.firewall;

import io.jcni.plugin.rules.AttachmentRuleId;
import io.jcni.conf.CniException;
import io.jcni.conf.result.IpPrefix;
import io.jcni.conf.ValidAttachment;

import java.util.List;
import java.util.Set;

/**
 * Source NAT for a pod's addresses towards anything outside their subnets, one implementation per
 * firewall backend. Everything is found again by {@link AttachmentRuleId}, never by the pod's address,
 * so DEL and GC work without prevResult and without the pod's namespace.
 */
public interface MasqueradeRules {
    /** Masquerades traffic from each address (with its subnet's prefix length) leaving its subnet. */
    void add(AttachmentRuleId id, List<IpPrefix> addresses) throws CniException;

    /** Removes the attachment's rules; succeeds when there are none. */
    void del(AttachmentRuleId id) throws CniException;

    /** Fails, naming the missing piece, unless the rules {@link #add} makes are all present. */
    void check(AttachmentRuleId id, List<IpPrefix> addresses) throws CniException;

    /** Removes the rules of {@code network} whose attachment is not in {@code valid}. */
    void gc(String network, Set<ValidAttachment> valid) throws CniException;
}
