package io.jcni.plugin.tuning;

import io.jcni.conf.CniException;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.Request;
import io.jcni.netlink.MacAddress;
import io.jcni.netlink.NetlinkException;
import io.jcni.netlink.link.Link;
import io.jcni.netlink.link.Links;
import io.jcni.plugin.kernel.HostErrors;
import io.jcni.plugin.kernel.KernelCall;
import io.jcni.plugin.kernel.PodSide;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * DEL: puts back the interface settings the backup holds (MTU, MAC, promiscuous and all-multicast
 * mode, transmit queue length, in the reference's order) and removes the backup. Sysctls are not
 * restored: they live in the pod's namespace, which goes with the pod. With the namespace or the
 * interface gone there is nothing to restore, and the backup is removed. A restore the kernel
 * refuses is an error and keeps the backup, so a retried DEL can finish it.
 */
final class DelCommand {
    void run(Request req) throws CniException {
        NetworkConfig conf = NetworkConfig.parse(req.config());
        // Only dataDir matters here: a DEL must not fail on options it does not use.
        Path file = TuningBackup.file(TuningConfig.dataDir(conf), req.containerId(), req.ifname());
        Optional<TuningBackup> backup = TuningBackup.read(file);
        if (backup.isEmpty() || req.netns().isEmpty()) {
            TuningBackup.delete(file);
            return;
        }
        Optional<PodSide> opened = PodSide.tryOpen(req);
        if (opened.isEmpty()) {
            TuningBackup.delete(file);
            return;
        }
        String ifname = req.ifname();
        try (PodSide pod = opened.get()) {
            Links links = pod.nl().links();
            Optional<Link> link = KernelCall.get("look up " + ifname + " in the pod", () -> links.find(ifname));
            if (link.isPresent()) {
                restore(links, ifname, backup.get());
            }
        }
        TuningBackup.delete(file);
    }

    private static void restore(Links links, String ifname, TuningBackup b) throws CniException {
        List<String> failed = new ArrayList<>();
        if (b.mtu() != 0) {
            attempt(failed, "restore the MTU of " + ifname + " to " + b.mtu(), () -> links.setMtu(ifname, b.mtu()));
        }
        if (b.mac().isPresent()) {
            attempt(failed, "restore the MAC of " + ifname + " to " + b.mac().get(),
                    () -> links.setMac(ifname, MacAddress.parse(b.mac().get())));
        }
        b.promisc().ifPresent(on -> attempt(failed, "restore promisc " + (on ? "on" : "off") + " for " + ifname,
                () -> links.setPromiscuous(ifname, on)));
        b.allmulti().ifPresent(on -> attempt(failed, "restore allmulticast " + (on ? "on" : "off") + " for " + ifname,
                () -> links.setAllMulticast(ifname, on)));
        b.txQLen().ifPresent(len -> attempt(failed, "restore the txqueuelen of " + ifname + " to " + len,
                () -> links.setTxQueueLength(ifname, len)));
        if (!failed.isEmpty()) {
            throw new CniException(HostErrors.CHANGE_REFUSED, "restore the settings of " + ifname + " from the tuning backup",
                    String.join("; ", failed), null);
        }
    }

    /** Runs one restore step, collecting its failure: the others are still worth doing. */
    private static void attempt(List<String> failed, String what, Runnable step) {
        try {
            step.run();
        } catch (NetlinkException | IllegalArgumentException e) {
            failed.add(what + ": " + e.getMessage());
        }
    }
}
