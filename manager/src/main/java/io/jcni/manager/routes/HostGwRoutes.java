package io.jcni.manager.routes;

import io.jcni.netlink.IpFamily;
import io.jcni.netlink.Netlink;
import io.jcni.netlink.NetlinkException;
import io.jcni.netlink.route.Route;
import io.jcni.netlink.wire.RtnetlinkConstants;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Keeps a node's host-gw routes in its network namespace equal to the plan for the current set of
 * Nodes, through one netlink handle. Our routes carry {@link #PROTOCOL} in the main table: sync
 * removes only routes with that protocol, never anyone else's, and finds them again after a
 * restart. Each change is tried on its own; a failure is reported and the rest still happens (the
 * next sync retries).
 */
public final class HostGwRoutes {
    /**
     * rtm_protocol of our routes ({@code ip route show proto 74}): not in iproute2's rt_protos list
     * nor used by the routing daemons we know of (bird 12, zebra 11, bgp 186..192).
     */
    public static final int PROTOCOL = 74;

    private final Netlink nl;
    private final String self;
    private final Consumer<String> log;

    /** @param nl a handle in the node's namespace; {@code self} the node's name (its own CIDRs get no route) */
    public HostGwRoutes(Netlink nl, String self, Consumer<String> log) {
        this.nl = nl;
        this.self = self;
        this.log = log;
    }

    /**
     * Adds the missing routes, replaces those whose gateway changed, deletes ours that no Node
     * wants any more. Returns the number of failed changes.
     */
    public synchronized int sync(Collection<PeerNode> nodes) {
        List<Route> want = HostGwPlan.routes(self, nodes);
        List<Route> have = ours();
        int failures = 0;
        for (Route r : have) {
            if (want.stream().noneMatch(w -> sameDestination(w, r))) {
                failures += apply("delete", r, () -> nl.routes().delete(r));
            }
        }
        for (Route w : want) {
            boolean present = have.stream().anyMatch(r -> sameDestination(w, r) && w.gateway().equals(r.gateway()));
            if (!present) {
                failures += apply("replace", w, () -> nl.routes().replace(w));
            }
        }
        return failures;
    }

    /** Our routes in the main table, both families. */
    public List<Route> ours() {
        List<Route> out = new ArrayList<>();
        for (IpFamily f : IpFamily.values()) {
            nl.routes().list(f, RtnetlinkConstants.RT_TABLE_MAIN).stream()
                    .filter(r -> r.protocol() == PROTOCOL).forEach(out::add);
        }
        return out;
    }

    private int apply(String verb, Route r, Runnable change) {
        try {
            change.run();
            log.accept("host-gw: " + verb + " " + r);
            return 0;
        } catch (NetlinkException e) {
            log.accept("host-gw: " + verb + " " + r + " failed: " + e.getMessage());
            return 1;
        }
    }

    private static boolean sameDestination(Route a, Route b) {
        return a.destination().equals(b.destination()) && a.destinationLength() == b.destinationLength()
                && Objects.equals(a.family(), b.family());
    }
}
