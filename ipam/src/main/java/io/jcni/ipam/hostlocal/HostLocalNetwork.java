package io.jcni.ipam.hostlocal;

import io.jcni.conf.CniException;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.ValidAttachment;
import io.jcni.conf.result.IpConfig;
import io.jcni.ipam.IpamErrors;
import io.jcni.conf.result.IpText;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The host-local operations on one network's range sets and store. Each method holds the store
 * lock from its first read to its last write, so concurrent callers (ours or the Go plugin) see
 * each other's reservations.
 */
public final class HostLocalNetwork {
    private final String name;
    private final List<RangeSet> rangeSets;
    private final HostLocalStore store;

    public HostLocalNetwork(String name, List<RangeSet> rangeSets, HostLocalStore store) {
        this.name = name;
        this.rangeSets = List.copyOf(rangeSets);
        this.store = store;
    }

    /**
     * Reserves one address per range set for the attachment, the requested ones where given. On
     * any failure, releases what this call reserved before throwing.
     */
    public List<IpConfig> allocate(String containerId, String ifname, List<InetAddress> requested)
            throws CniException {
        Map<Integer, InetAddress> wanted = assign(requested);
        List<IpConfig> out = new ArrayList<>();
        List<Reservation> made = new ArrayList<>();
        try (HostLocalStore.Locked s = store.lock()) {
            try {
                List<Reservation> existing = s.reservations();
                Set<InetAddress> taken = new HashSet<>();
                existing.forEach(r -> taken.add(r.address()));
                for (int i = 0; i < rangeSets.size(); i++) {
                    RangeSet set = rangeSets.get(i);
                    Optional<InetAddress> held = heldIn(existing, set, containerId, ifname);
                    InetAddress address;
                    if (held.isPresent()) {
                        // The attachment's own reservation, e.g. an ADD repeated after a reboot
                        // emptied the kernel but kept the store: handed out again, never twice.
                        if (wanted.containsKey(i) && !wanted.get(i).equals(held.get())) {
                            throw new CniException(IpamErrors.ALREADY_ALLOCATED, "network " + name + ": "
                                    + containerId + "/" + ifname + " already holds " + IpText.format(held.get())
                                    + " in range set " + i + " " + set + ", not the requested "
                                    + IpText.format(wanted.get(i)));
                        }
                        address = held.get();
                    } else {
                        address = wanted.containsKey(i)
                                ? reserveRequested(s, set, i, wanted.get(i), containerId, ifname)
                                : reserveNext(s, set, i, taken, containerId, ifname);
                        made.add(new Reservation(address, containerId, ifname));
                    }
                    AddressRange range = set.rangeFor(address).orElseThrow();
                    out.add(new IpConfig(range.withPrefix(address), range.gateway(), null));
                }
            } catch (CniException | RuntimeException e) {
                for (Reservation r : made) {
                    s.release(r);
                }
                throw e;
            }
        }
        return out;
    }

    private static Optional<InetAddress> heldIn(List<Reservation> existing, RangeSet set, String containerId,
            String ifname) {
        return existing.stream().filter(r -> r.heldBy(containerId, ifname, false))
                .map(Reservation::address).filter(a -> set.rangeFor(a).isPresent()).findFirst();
    }

    // Maps each requested address to the one range set that may hand it out.
    private Map<Integer, InetAddress> assign(List<InetAddress> requested) throws CniException {
        Map<Integer, InetAddress> out = new TreeMap<>();
        for (InetAddress a : new LinkedHashSet<>(requested)) {
            int found = -1;
            for (int i = 0; i < rangeSets.size() && found < 0; i++) {
                for (AddressRange r : rangeSets.get(i).ranges()) {
                    if (r.gateway().equals(a)) {
                        throw unavailable(IpText.format(a) + " is the gateway of range set " + i);
                    }
                }
                if (rangeSets.get(i).rangeFor(a).isPresent()) {
                    found = i;
                }
            }
            if (found < 0) {
                throw unavailable(IpText.format(a) + " is not in any range set");
            }
            if (out.containsKey(found)) {
                throw unavailable(IpText.format(a) + " and " + IpText.format(out.get(found))
                        + " are both in range set " + found + ", which yields one address");
            }
            out.put(found, a);
        }
        return out;
    }

    private InetAddress reserveRequested(HostLocalStore.Locked s, RangeSet set, int index, InetAddress a,
                                         String containerId, String ifname) throws CniException {
        if (!s.reserve(a, containerId, ifname, index)) {
            throw unavailable(IpText.format(a) + " is already reserved in range set " + index + " " + set);
        }
        return a;
    }

    private InetAddress reserveNext(HostLocalStore.Locked s, RangeSet set, int index, Set<InetAddress> taken,
                                    String containerId, String ifname) throws CniException {
        RangeAllocator allocator = new RangeAllocator(set);
        Optional<InetAddress> last = s.lastReserved(index);
        while (true) {
            Optional<InetAddress> next = allocator.nextFree(last, taken);
            if (next.isEmpty()) {
                throw new CniException(IpamErrors.RANGE_EXHAUSTED,
                        "network " + name + ": no free address in range set " + index + " " + set);
            }
            if (s.reserve(next.get(), containerId, ifname, index)) {
                return next.get();
            }
            taken.add(next.get()); // a file the listing did not show as an address; skip it
        }
    }

    private CniException unavailable(String what) {
        return new CniException(IpamErrors.ADDRESS_UNAVAILABLE, "network " + name + ": requested address " + what);
    }

    /**
     * Releases the attachment's reservations; entries of old reference versions that carry only
     * the container ID count when there is no exact one. Unknown attachments are fine.
     */
    public void release(String containerId, String ifname) throws CniException {
        if (!store.exists()) {
            return;
        }
        try (HostLocalStore.Locked s = store.lock()) {
            for (Reservation r : s.heldBy(containerId, ifname)) {
                s.release(r);
            }
        }
    }

    /**
     * Verifies the attachment holds an address in every range set and, when {@code expected}
     * is given (the previous result's addresses), that those inside a range set are its own.
     */
    public void verify(String containerId, String ifname, Collection<InetAddress> expected) throws CniException {
        List<Reservation> held = store.exists() ? heldBy(containerId, ifname) : List.of();
        for (int i = 0; i < rangeSets.size(); i++) {
            RangeSet set = rangeSets.get(i);
            if (held.stream().noneMatch(r -> set.rangeFor(r.address()).isPresent())) {
                throw new CniException(IpamErrors.NOT_ALLOCATED, "network " + name + ": " + containerId + "/"
                        + ifname + " holds no address in range set " + i + " " + set);
            }
        }
        for (InetAddress a : expected) {
            boolean ours = rangeSets.stream().anyMatch(set -> set.rangeFor(a).isPresent());
            if (ours && held.stream().noneMatch(r -> r.address().equals(a))) {
                throw new CniException(IpamErrors.NOT_ALLOCATED, "network " + name + ": prevResult address "
                        + IpText.format(a) + " is not reserved for " + containerId + "/" + ifname);
            }
        }
    }

    private List<Reservation> heldBy(String containerId, String ifname) throws CniException {
        try (HostLocalStore.Locked s = store.lock()) {
            return s.heldBy(containerId, ifname);
        }
    }

    /**
     * GC: releases every reservation whose attachment is not in {@code valid}. An old-style entry
     * (container ID only) stays while any valid attachment has its container ID.
     */
    public List<Reservation> collect(Collection<ValidAttachment> valid) throws CniException {
        List<Reservation> released = new ArrayList<>();
        if (!store.exists()) {
            return released;
        }
        try (HostLocalStore.Locked s = store.lock()) {
            for (Reservation r : s.reservations()) {
                boolean keep = valid.stream().anyMatch(v -> r.heldBy(v.containerId(), v.ifname(), true));
                if (!keep) {
                    s.release(r);
                    released.add(r);
                }
            }
        }
        return released;
    }

    /** STATUS: code 50 naming the first range set with no free address. */
    public void checkAvailable() throws CniException {
        if (!store.exists()) {
            return;
        }
        try (HostLocalStore.Locked s = store.lock()) {
            Set<InetAddress> taken = new HashSet<>();
            s.reservations().forEach(r -> taken.add(r.address()));
            for (int i = 0; i < rangeSets.size(); i++) {
                if (new RangeAllocator(rangeSets.get(i)).nextFree(Optional.empty(), taken).isEmpty()) {
                    throw new CniException(ErrorCode.NOT_AVAILABLE, "network " + name
                            + ": no free address in range set " + i + " " + rangeSets.get(i));
                }
            }
        }
    }
}
