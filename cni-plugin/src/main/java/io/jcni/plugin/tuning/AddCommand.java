package io.jcni.plugin.tuning;

import io.jcni.conf.CniException;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.result.Interface;
import io.jcni.conf.result.Result;
import io.jcni.netlink.MacAddress;
import io.jcni.netlink.link.Link;
import io.jcni.netlink.link.Links;
import io.jcni.netlink.ns.Sysctl;
import io.jcni.plugin.kernel.KernelCall;
import io.jcni.plugin.kernel.PodSide;
import io.jcni.plugin.kernel.Rollback;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ADD: sets the sysctls in the pod's namespace, backs up the interface settings it is about to
 * change, changes them, and passes prevResult on with the interface's new MAC. Every key is
 * checked (form, allow-list, present in the pod's namespace) before anything changes, and each
 * change registers its undo, so a failed ADD leaves the pod and the backup directory as they were.
 */
final class AddCommand {
    Result run(TuningCall call) throws CniException {
        TuningConfig cfg = call.cfg();
        Attachment at = call.at();
        List<SysctlKey> keys = call.keys();
        try (PodSide pod = PodSide.open(call.request()); Rollback rollback = new Rollback()) {
            Map<SysctlKey, String> before = new LinkedHashMap<>();
            for (SysctlKey k : keys) {
                before.put(k, PodSysctl.read(pod.ns(), k));
            }
            for (SysctlKey k : keys) {
                PodSysctl.write(pod.ns(), k, cfg.sysctl().get(k.given()));
                rollback.push("restore sysctl " + k.given(), () -> Sysctl.write(pod.ns(), k.path(), before.get(k)));
            }
            if (cfg.changesLink()) {
                tuneLink(pod, cfg, at, call.network(), rollback);
            }
            rollback.commit();
        }
        return cfg.mac().map(m -> withMac(call.prev(), at.ifname(), m.text())).orElse(call.prev());
    }

    private static void tuneLink(PodSide pod, TuningConfig cfg, Attachment at, String network, Rollback rollback)
            throws CniException {
        String ifname = at.ifname();
        Links links = pod.nl().links();
        Link link = KernelCall.get("look up " + ifname + " in the pod", () -> links.find(ifname))
                .orElseThrow(() -> new CniException(ErrorCode.INVALID_ENVIRONMENT, "CNI_IFNAME: no interface "
                        + ifname + " in " + at.netns() + " to tune"));
        Path file = TuningBackup.file(cfg.dataDir(), at.containerId(), ifname);
        Optional<TuningBackup> earlier = TuningBackup.read(file);
        new TuningBackup(
                cfg.mac().flatMap(m -> link.mac().map(MacAddress::toString)),
                cfg.promisc() ? Optional.of(link.isPromiscuous()) : Optional.empty(),
                cfg.mtu() != 0 ? link.mtu() : 0,
                cfg.allmulti().map(a -> link.isAllMulticast()),
                cfg.txQLen().map(t -> link.txQueueLength()),
                Optional.of(network)).write(file);
        rollback.push("restore the tuning backup " + file, () -> {
            if (earlier.isPresent()) {
                earlier.get().write(file);
            } else {
                TuningBackup.delete(file);
            }
        });
        if (cfg.mac().isPresent() && link.mac().isPresent()) {
            MacAddress old = link.mac().get();
            KernelCall.run("set the MAC of " + ifname + " to " + cfg.mac().get().text(),
                    () -> links.setMac(ifname, cfg.mac().get().address()));
            rollback.push("restore the MAC of " + ifname, () -> links.setMac(ifname, old));
        }
        if (cfg.promisc()) {
            boolean old = link.isPromiscuous();
            KernelCall.run("set promisc on for " + ifname, () -> links.setPromiscuous(ifname, true));
            rollback.push("restore promisc of " + ifname, () -> links.setPromiscuous(ifname, old));
        }
        if (cfg.mtu() != 0) {
            int old = link.mtu();
            KernelCall.run("set the MTU of " + ifname + " to " + cfg.mtu(), () -> links.setMtu(ifname, cfg.mtu()));
            rollback.push("restore the MTU of " + ifname, () -> links.setMtu(ifname, old));
        }
        if (cfg.allmulti().isPresent()) {
            boolean old = link.isAllMulticast();
            boolean on = cfg.allmulti().get();
            KernelCall.run("set allmulticast " + (on ? "on" : "off") + " for " + ifname,
                    () -> links.setAllMulticast(ifname, on));
            rollback.push("restore allmulticast of " + ifname, () -> links.setAllMulticast(ifname, old));
        }
        if (cfg.txQLen().isPresent()) {
            int old = link.txQueueLength();
            int len = cfg.txQLen().get();
            KernelCall.run("set the txqueuelen of " + ifname + " to " + len, () -> links.setTxQueueLength(ifname, len));
            rollback.push("restore the txqueuelen of " + ifname, () -> links.setTxQueueLength(ifname, old));
        }
    }

    /** prevResult with the tuned interface's MAC replaced by the text the config gave, as the reference does. */
    private static Result withMac(Result prev, String ifname, String mac) {
        List<Interface> out = new ArrayList<>();
        for (Interface i : prev.interfaces()) {
            out.add(i.name().equals(ifname)
                    ? new Interface(i.name(), mac, i.mtu(), i.sandbox(), i.socketPath(), i.pciID()) : i);
        }
        return new Result(out, prev.ips(), prev.routes(), prev.dns());
    }
}
