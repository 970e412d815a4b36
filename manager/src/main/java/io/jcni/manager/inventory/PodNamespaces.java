package io.jcni.manager.inventory;

import io.jcni.netlink.link.Link;
import io.jcni.netlink.ns.NetNamespace;
import io.jcni.netlink.socket.NetlinkSocket;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Finds the pod end of each host veth. A veth names its peer's ifindex (IFLA_LINK) and the host's
 * id for the peer's namespace, not a path we can open; so the machine's network namespaces are visited:
 * those bind-mounted under {@code /var/run/netns} (named first, as {@code ip netns} shows them)
 * and those of running processes ({@code /proc/PID/ns/net}), each once (by inode); the host's
 * id for each tells which host veths point into it.
 */
public final class PodNamespaces {
    private static final Path NAMED = NetNamespace.RUN_DIR;
    private static final Path PROC = Path.of("/proc");

    private final Map<Long, Path> byInode;

    private PodNamespaces(Map<Long, Path> byInode) {
        this.byInode = byInode;
    }

    /** Every namespace of the machine except the one with {@code hostInode}. */
    public static PodNamespaces scan(long hostInode) {
        Map<Long, Path> found = new LinkedHashMap<>();
        collect(NAMED, found, false);
        collect(PROC, found, true);
        found.remove(hostInode);
        return new PodNamespaces(found);
    }

    private static void collect(Path dir, Map<Long, Path> into, boolean processes) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                if (processes && !e.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                Path file = processes ? e.resolve("ns/net") : e;
                inode(file).ifPresent(ino -> into.putIfAbsent(ino, file));
            }
        } catch (IOException gone) {
            // no such directory: nothing bind-mounted
        }
    }

    /** The namespace inode a file names: {@code net:[INODE]} for /proc links, the mount's inode otherwise. */
    static Optional<Long> inode(Path file) {
        try {
            if (Files.isSymbolicLink(file)) {
                String target = Files.readSymbolicLink(file).toString();
                if (target.startsWith("net:[") && target.endsWith("]")) {
                    return Optional.of(Long.parseLong(target.substring(5, target.length() - 1)));
                }
            }
            return Optional.of(((Number) Files.getAttribute(file, "unix:ino")).longValue());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code path} still names a network namespace (a bind mount or a live process's). */
    public static boolean exists(Path path) {
        return Files.exists(path) && inode(path).isPresent() && isNetns(path);
    }

    private static boolean isNetns(Path path) {
        try (NetNamespace ns = NetNamespace.open(path)) {
            return true;
        } catch (RuntimeException notOne) {
            return false;
        }
    }

    /**
     * The pod end of each veth in {@code hostVeths}, by host ifindex: the link with the veth's peer
     * ifindex in the namespace the host numbers as the veth's link-netnsid ({@link NetnsIds}).
     * Namespaces that vanish or cannot be entered while visited are skipped.
     */
    public Map<Integer, PodInterface> peersOf(NetlinkSocket host, List<Link> hostVeths) {
        Map<Integer, Integer> linkNetns = NetnsIds.linkNetnsIds(host);
        Map<Integer, List<Link>> byNsid = new HashMap<>();
        for (Link h : hostVeths) {
            Integer nsid = linkNetns.get(h.index());
            if (h.parentIndex().isPresent() && nsid != null) {
                byNsid.computeIfAbsent(nsid, k -> new ArrayList<>()).add(h);
            }
        }
        Map<Integer, PodInterface> out = new HashMap<>();
        for (Path p : byInode.values()) {
            if (byNsid.isEmpty()) {
                break;
            }
            try (NetNamespace ns = NetNamespace.open(p)) {
                OptionalInt nsid = NetnsIds.idOf(host, ns.fd());
                List<Link> here = nsid.isPresent() ? byNsid.remove(nsid.getAsInt()) : null;
                if (here == null) {
                    continue;
                }
                NamespaceLinks pod = NamespaceLinks.read(ns);
                for (Link h : here) {
                    pod.link(h.parentIndex().getAsInt()).ifPresent(l ->
                            out.put(h.index(), new PodInterface(p, l, pod.addressesOf(l.index()))));
                }
            } catch (RuntimeException gone) {
                // the namespace went away while we looked: its veths went with it
            }
        }
        return out;
    }
}
