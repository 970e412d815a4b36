package io.jcni.netlink.tc;

import java.util.List;

/**
 * A {@code u32} classifier: to create, or as a dump reported it. A dump also lists the hash
 * table heads ({@code fh 800:}) the kernel made, with no keys and no actions.
 *
 * @param linkIndex ifindex of the link whose qdisc it hangs from
 * @param parent the qdisc's handle (e.g. {@code ffff:} for ingress)
 * @param priority the filter's {@code pref}
 * @param protocol the EtherType it applies to, host order ({@code 0x0003} = all)
 * @param handle 0 to let the kernel choose; a dump reports e.g. {@code 800::800}
 * @param classId the {@code flowid}, 0 for none
 * @param keys the matches, all of which must hold; empty in hash table heads
 * @param actions run in order when the keys match
 */
public record U32Filter(int linkIndex, int parent, int priority, int protocol, int handle, int classId,
                        List<U32Key> keys, List<Mirred> actions) {
    public U32Filter {
        keys = List.copyOf(keys);
        actions = List.copyOf(actions);
        if (priority < 0 || priority > 0xFFFF) {
            throw new IllegalArgumentException("u32 filter priority: " + priority + " is outside 0..65535");
        }
        if (protocol < 0 || protocol > 0xFFFF) {
            throw new IllegalArgumentException("u32 filter protocol: " + protocol + " is outside 0..65535");
        }
        if (keys.size() > 128) {
            throw new IllegalArgumentException("u32 filter: " + keys.size() + " keys are more than 128");
        }
    }

    /** For messages: {@code u32 pref 1 parent ffff:0 on ifindex 3}. */
    public String describe() {
        return "u32 filter pref " + priority + " parent " + Handles.format(parent) + " on ifindex " + linkIndex;
    }
}
