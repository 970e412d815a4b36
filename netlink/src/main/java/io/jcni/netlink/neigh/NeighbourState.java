package io.jcni.netlink.neigh;

import io.jcni.netlink.wire.NeighbourConstants;

import java.util.EnumSet;
import java.util.Set;

/** Neighbour cache states (NUD_*); an empty set is NUD_NONE. */
public enum NeighbourState {
    INCOMPLETE(NeighbourConstants.NUD_INCOMPLETE),
    REACHABLE(NeighbourConstants.NUD_REACHABLE),
    STALE(NeighbourConstants.NUD_STALE),
    DELAY(NeighbourConstants.NUD_DELAY),
    PROBE(NeighbourConstants.NUD_PROBE),
    FAILED(NeighbourConstants.NUD_FAILED),
    NOARP(NeighbourConstants.NUD_NOARP),
    PERMANENT(NeighbourConstants.NUD_PERMANENT);

    private final int bit;

    NeighbourState(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }

    static int toBits(Set<NeighbourState> states) {
        int bits = 0;
        for (NeighbourState s : states) {
            bits |= s.bit;
        }
        return bits;
    }

    static Set<NeighbourState> fromBits(int bits) {
        EnumSet<NeighbourState> set = EnumSet.noneOf(NeighbourState.class);
        for (NeighbourState s : values()) {
            if ((bits & s.bit) != 0) {
                set.add(s);
            }
        }
        return set;
    }
}
