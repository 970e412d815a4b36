package io.jcni.netlink.tc;

/**
 * A class of an {@code htb} qdisc: to create, or as a dump reported it.
 *
 * @param linkIndex ifindex of the link
 * @param handle the class id, e.g. {@code 1:30}
 * @param parent the qdisc's handle (or a parent class); dumps report top-level classes with parent {@link Handles#ROOT}
 * @param rate guaranteed bytes per second
 * @param ceil bytes per second it may borrow up to
 * @param buffer bucket for {@code rate}, in scheduler ticks (unsigned); 0 lets the kernel use its minimum
 * @param cbuffer bucket for {@code ceil}, in ticks (unsigned)
 */
public record HtbClass(int linkIndex, int handle, int parent, long rate, long ceil, int buffer, int cbuffer) {
    public HtbClass {
        if (rate <= 0 || ceil <= 0) {
            throw new IllegalArgumentException("htb class " + Handles.format(handle) + ": rate " + rate + " and ceil " + ceil
                    + " bytes/s must be positive");
        }
    }

    /** For messages: {@code htb class 1:30 on ifindex 3}. */
    public String describe() {
        return "htb class " + Handles.format(handle) + " on ifindex " + linkIndex;
    }
}
