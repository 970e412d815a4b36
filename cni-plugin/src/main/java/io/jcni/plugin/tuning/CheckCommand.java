package io.jcni.plugin.tuning;

import io.jcni.conf.CniException;
import io.jcni.netlink.link.Link;
import io.jcni.plugin.kernel.HostErrors;
import io.jcni.plugin.kernel.KernelCall;
import io.jcni.plugin.kernel.PodSide;

import java.util.List;

/**
 * CHECK: every configured value is what the pod's namespace has: the sysctls, and the interface's
 * MAC, MTU, all-multicast mode and transmit queue length. Promiscuous mode must be on when
 * {@code promisc} is true and off otherwise, as the reference checks it.
 */
final class CheckCommand {
    void run(TuningCall call) throws CniException {
        TuningConfig cfg = call.cfg();
        Attachment at = call.at();
        List<SysctlKey> keys = call.keys();
        String ifname = at.ifname();
        try (PodSide pod = PodSide.open(call.request())) {
            for (SysctlKey k : keys) {
                String have = PodSysctl.read(pod.ns(), k);
                String want = cfg.sysctl().get(k.given());
                if (!have.equals(want)) {
                    throw differs(k.field() + ": is \"" + have + "\", the config says \"" + want + "\"");
                }
            }
            Link link = KernelCall.get("look up " + ifname + " in the pod", () -> pod.nl().links().find(ifname))
                    .orElseThrow(() -> differs("interface " + ifname + ": not found in " + at.netns()));
            if (cfg.mac().isPresent() && !link.mac().equals(java.util.Optional.of(cfg.mac().get().address()))) {
                throw differs("mac: " + ifname + " has " + link.mac().map(Object::toString).orElse("no MAC")
                        + ", the config says " + cfg.mac().get().text());
            }
            if (cfg.promisc() != link.isPromiscuous()) {
                throw differs("promisc: " + ifname + " has promiscuous mode " + (link.isPromiscuous() ? "on" : "off")
                        + ", the config says " + cfg.promisc());
            }
            if (cfg.mtu() != 0 && cfg.mtu() != link.mtu()) {
                throw differs("mtu: " + ifname + " has MTU " + link.mtu() + ", the config says " + cfg.mtu());
            }
            if (cfg.allmulti().isPresent() && cfg.allmulti().get() != link.isAllMulticast()) {
                throw differs("allmulti: " + ifname + " has all-multicast mode " + (link.isAllMulticast() ? "on" : "off")
                        + ", the config says " + cfg.allmulti().get());
            }
            if (cfg.txQLen().isPresent() && cfg.txQLen().get() != link.txQueueLength()) {
                throw differs("txQLen: " + ifname + " has txqueuelen " + link.txQueueLength() + ", the config says "
                        + cfg.txQLen().get());
            }
        }
    }

    private static CniException differs(String msg) {
        return new CniException(HostErrors.STATE_DIFFERS, msg);
    }
}
