package io.jcni.netlink.tc;

import java.util.Optional;

/**
 * A queueing discipline on a link: what to create, or what a dump reported.
 *
 * @param linkIndex ifindex of the link it is attached to
 * @param handle its handle ({@link Handles}); 0 lets the kernel choose
 * @param parent {@link Handles#ROOT}, {@link Handles#INGRESS} or a class
 * @param kind the scheduler: {@code tbf}, {@code htb}, {@code ingress}, {@code clsact}, or whatever a dump found
 * @param parameters the options of a {@code tbf} or {@code htb}; empty for other kinds
 */
public record Qdisc(int linkIndex, int handle, int parent, String kind, Optional<QdiscParameters> parameters) {
    public Qdisc {
        boolean parameterised = kind.equals("tbf") || kind.equals("htb");
        if (parameterised != parameters.isPresent() || parameters.isPresent() && !parameters.get().kind().equals(kind)) {
            throw new IllegalArgumentException("qdisc " + kind + ": needs " + (parameterised ? kind : "no") + " parameters");
        }
    }

    /** The token bucket of a {@code tbf}. */
    public Optional<Tbf> tbf() {
        return parameters.filter(Tbf.class::isInstance).map(Tbf.class::cast);
    }

    /** The options of an {@code htb}. */
    public Optional<Htb> htb() {
        return parameters.filter(Htb.class::isInstance).map(Htb.class::cast);
    }

    /** {@code tc qdisc add dev LINK root handle 1: tbf ...}. */
    public static Qdisc rootTbf(int linkIndex, Tbf tbf) {
        return new Qdisc(linkIndex, Handles.of(1, 0), Handles.ROOT, "tbf", Optional.of(tbf));
    }

    /** {@code tc qdisc add dev LINK root handle 1: htb default N}. */
    public static Qdisc rootHtb(int linkIndex, Htb htb) {
        return new Qdisc(linkIndex, Handles.of(1, 0), Handles.ROOT, "htb", Optional.of(htb));
    }

    /** {@code tc qdisc add dev LINK handle ffff: ingress}. */
    public static Qdisc ingress(int linkIndex) {
        return new Qdisc(linkIndex, Handles.of(0xFFFF, 0), Handles.INGRESS, "ingress", Optional.empty());
    }

    /** {@code tc qdisc add dev LINK clsact}. */
    public static Qdisc clsact(int linkIndex) {
        return new Qdisc(linkIndex, Handles.of(0xFFFF, 0), Handles.INGRESS, "clsact", Optional.empty());
    }

    /** For messages: {@code tbf 1: on ifindex 3}. */
    public String describe() {
        return kind + " " + Handles.format(handle) + " parent " + Handles.format(parent) + " on ifindex " + linkIndex;
    }
}
