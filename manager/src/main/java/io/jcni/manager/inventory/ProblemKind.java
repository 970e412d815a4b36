package io.jcni.manager.inventory;

/** What can be wrong with an attachment; the names are what {@code jcni check -o json} prints. */
public enum ProblemKind {
    NETNS_VANISHED("the pod's network namespace is gone"),
    VETH_MISSING("the pod's namespace exists but its veth pair is gone"),
    RESERVED_WITHOUT_INTERFACE("addresses are reserved but no pod interface has them"),
    INTERFACE_WITHOUT_RESERVATION("the pod interface has no reservation in the IPAM store"),
    RULES_WITHOUT_POD("host rules remain for a pod that is gone"),
    POD_WITHOUT_RULES("the pod is missing host rules its network configures");

    private final String meaning;

    ProblemKind(String meaning) {
        this.meaning = meaning;
    }

    public String meaning() {
        return meaning;
    }
}
