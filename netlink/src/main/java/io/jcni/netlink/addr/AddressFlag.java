package io.jcni.netlink.addr;

import io.jcni.netlink.wire.IfAddrConstants;

import java.util.EnumSet;
import java.util.Set;

/** Address flags (IFA_F_*), as set on add or reported by the kernel. */
public enum AddressFlag {
    SECONDARY(IfAddrConstants.IFA_F_SECONDARY),
    /** Skip IPv6 duplicate address detection: the address is usable at once. */
    NODAD(IfAddrConstants.IFA_F_NODAD),
    OPTIMISTIC(IfAddrConstants.IFA_F_OPTIMISTIC),
    DADFAILED(IfAddrConstants.IFA_F_DADFAILED),
    HOMEADDRESS(IfAddrConstants.IFA_F_HOMEADDRESS),
    DEPRECATED(IfAddrConstants.IFA_F_DEPRECATED),
    TENTATIVE(IfAddrConstants.IFA_F_TENTATIVE),
    PERMANENT(IfAddrConstants.IFA_F_PERMANENT),
    MANAGETEMPADDR(IfAddrConstants.IFA_F_MANAGETEMPADDR),
    /** Do not add the prefix route the kernel otherwise derives from the address. */
    NOPREFIXROUTE(IfAddrConstants.IFA_F_NOPREFIXROUTE);

    private final int bit;

    AddressFlag(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }

    static int toBits(Set<AddressFlag> flags) {
        int bits = 0;
        for (AddressFlag f : flags) {
            bits |= f.bit;
        }
        return bits;
    }

    static Set<AddressFlag> fromBits(int bits) {
        EnumSet<AddressFlag> set = EnumSet.noneOf(AddressFlag.class);
        for (AddressFlag f : values()) {
            if ((bits & f.bit) != 0) {
                set.add(f);
            }
        }
        return set;
    }
}
