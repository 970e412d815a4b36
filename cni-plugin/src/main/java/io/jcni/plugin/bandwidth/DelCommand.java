package io.jcni.plugin.bandwidth;

import io.jcni.conf.CniException;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.Request;
import io.jcni.conf.result.Result;
import io.jcni.netlink.link.Link;
import io.jcni.netlink.link.LinkRef;
import io.jcni.netlink.link.LinkRemoval;
import io.jcni.netlink.sys.Errno;
import io.jcni.netlink.tc.Handles;
import io.jcni.netlink.tc.Qdisc;
import io.jcni.netlink.tc.Qdiscs;
import io.jcni.netlink.tc.U32Filter;
import io.jcni.netlink.tc.Filters;
import io.jcni.plugin.kernel.HostSide;
import io.jcni.plugin.kernel.KernelCall;
import io.jcni.plugin.kernel.PodSide;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * DEL: removes the ifb device (found by its derived name) and, while the host veth still exists,
 * the qdiscs ADD put on it. Succeeds without prevResult, with CNI_NETNS empty or gone, and on
 * repeated calls. The bandwidth options are not validated here: a DEL of a config that could never
 * have been added has nothing to remove and must not keep a runtime from removing the pod.
 */
final class DelCommand {
    private final Optional<Path> hostNetns;

    DelCommand(Optional<Path> hostNetns) {
        this.hostNetns = hostNetns;
    }

    void run(Request req) throws CniException {
        NetworkConfig conf = NetworkConfig.parse(req.config());
        String ifbName = IfbName.of(conf.name(), req.containerId());
        try (HostSide host = HostSide.open(hostNetns, req.environment())) {
            Optional<Link> ifb = KernelCall.get("look up " + ifbName, () -> host.nl().links().find(ifbName))
                    .filter(l -> l.kind().equals(Optional.of("ifb")));
            Optional<Link> veth = hostVeth(host, req, conf.prevResult());
            if (veth.isPresent()) {
                removeQdiscs(host, veth.get(), ifb);
            }
            if (ifb.isPresent()) {
                // Returns once the kernel unlisted it, not after the teardown's RCU wait.
                LinkRef ref = new LinkRef(host.ns(), ifb.get().index());
                KernelCall.deleteIfPresent("delete ifb " + ifbName, () -> LinkRemoval.delete(ref, ref), Errno.ENODEV);
            }
        }
    }

    /** The host veth, when prevResult and the pod's namespace still tell which one it is. */
    private static Optional<Link> hostVeth(HostSide host, Request req, Optional<Result> prev) throws CniException {
        if (prev.isEmpty() || req.netns().isEmpty()) {
            return Optional.empty();
        }
        Optional<PodSide> pod = PodSide.tryOpen(req);
        if (pod.isEmpty()) {
            return Optional.empty(); // the namespace is gone, and the veth pair with it
        }
        try (PodSide p = pod.get()) {
            return Optional.of(HostInterface.find(host, p, req.ifname(), prev.get()));
        } catch (CniException e) {
            return Optional.empty(); // no pod interface or no veth: nothing of ours on it
        }
    }

    /** The root tbf or htb 1:, and the ingress qdisc when its filter redirects to this attachment's ifb. */
    private static void removeQdiscs(HostSide host, Link veth, Optional<Link> ifb) throws CniException {
        Qdiscs qdiscs = new Qdiscs(host.nl().socket());
        List<Qdisc> present = KernelCall.get("list qdiscs of " + veth.name(), () -> qdiscs.list(veth.index()));
        for (Qdisc q : present) {
            boolean ours = (q.kind().equals("tbf") || q.kind().equals("htb"))
                    && q.parent() == Handles.ROOT && q.handle() == Handles.of(1, 0);
            if (q.kind().equals("ingress") && ifb.isPresent()) {
                List<U32Filter> filters = KernelCall.get("list filters of " + veth.name(),
                        () -> new Filters(host.nl().socket()).listU32(veth.index(), EgressRedirect.INGRESS_HANDLE));
                ours = filters.stream().anyMatch(f -> f.actions().equals(EgressRedirect.redirectActions(ifb.get().index())));
            }
            if (ours) {
                // Gone meanwhile (the veth went with its namespace): nothing left to remove.
                KernelCall.deleteIfPresent("delete the " + q.kind() + " qdisc of " + veth.name(), () -> qdiscs.delete(q),
                        Errno.ENOENT, Errno.EINVAL, Errno.ENODEV);
            }
        }
    }
}
