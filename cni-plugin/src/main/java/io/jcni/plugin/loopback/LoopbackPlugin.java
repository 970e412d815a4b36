package io.jcni.plugin.loopback;

import io.jcni.conf.CniException;
import io.jcni.conf.CniPlugin;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.Request;
import io.jcni.conf.result.Interface;
import io.jcni.conf.result.IpConfig;
import io.jcni.conf.result.IpPrefix;
import io.jcni.conf.result.Result;
import io.jcni.netlink.IpFamily;
import io.jcni.netlink.addr.Address;
import io.jcni.netlink.link.Link;
import io.jcni.plugin.kernel.HostErrors;
import io.jcni.plugin.kernel.KernelCall;
import io.jcni.plugin.kernel.PodSide;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code loopback} plugin: brings {@code lo} up in the pod's namespace (the kernel gives it
 * 127.0.0.1/8 and ::1/128). Like the reference it works on {@code lo} whatever {@code CNI_IFNAME}
 * says, passes a prevResult through unchanged, and otherwise reports {@code lo} with the loopback
 * addresses it carries.
 */
public final class LoopbackPlugin implements CniPlugin {
    public static final String TYPE = "loopback";
    static final String LO = "lo";
    /** What the reference reports as lo's MAC. */
    static final String MAC = "00:00:00:00:00:00";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Result add(Request request) throws CniException {
        NetworkConfig conf = NetworkConfig.parse(request.config());
        String netns = request.requireNetns();
        try (PodSide pod = PodSide.open(request)) {
            KernelCall.run("set " + LO + " up in " + netns, () -> pod.nl().links().setUp(LO));
            if (conf.prevResult().isPresent()) {
                return conf.prevResult().get();
            }
            Link lo = KernelCall.get("look up " + LO + " in " + netns, () -> pod.nl().links().get(LO));
            List<IpConfig> ips = new ArrayList<>();
            for (IpFamily family : List.of(IpFamily.IPV4, IpFamily.IPV6)) {
                first(pod, lo, family, netns).ifPresent(p -> ips.add(new IpConfig(p, null, 0)));
            }
            return new Result(List.of(new Interface(LO, MAC, netns)), ips, List.of(), null);
        }
    }

    /** lo's first address of {@code family}; an address that is not a loopback one is refused, as the reference does. */
    private static Optional<IpPrefix> first(PodSide pod, Link lo, IpFamily family, String netns) throws CniException {
        List<Address> addrs = KernelCall.get("list the addresses of " + LO + " in " + netns,
                () -> pod.nl().addresses().list(family, lo.index()));
        for (Address a : addrs) {
            if (!a.address().isLoopbackAddress()) {
                throw new CniException(HostErrors.STATE_DIFFERS, LO + " in " + netns
                        + " has the non-loopback address " + a.address().getHostAddress());
            }
        }
        return addrs.stream().findFirst().map(a -> new IpPrefix(a.address(), a.prefixLength()));
    }

    /** Sets lo down; nothing to do when the namespace is not given or already gone. */
    @Override
    public void del(Request request) throws CniException {
        NetworkConfig.parse(request.config());
        if (request.netns().isEmpty()) {
            return;
        }
        Optional<PodSide> opened = PodSide.tryOpen(request);
        if (opened.isEmpty()) {
            return;
        }
        try (PodSide pod = opened.get()) {
            KernelCall.run("set " + LO + " down in " + request.netns().get(), () -> pod.nl().links().setDown(LO));
        }
    }

    @Override
    public void check(Request request) throws CniException {
        NetworkConfig.parse(request.config());
        String netns = request.requireNetns();
        try (PodSide pod = PodSide.open(request)) {
            Link lo = KernelCall.get("look up " + LO + " in " + netns, () -> pod.nl().links().get(LO));
            if (!lo.isUp()) {
                throw new CniException(HostErrors.STATE_DIFFERS, LO + " in " + netns + " is down");
            }
        }
    }

    /** Always ready: lo needs nothing from the host. */
    @Override
    public void status(Request request) throws CniException {
        NetworkConfig.parse(request.config());
    }

    /** Nothing to collect: loopback keeps no state outside the pod. */
    @Override
    public void gc(Request request) throws CniException {
        NetworkConfig.parse(request.config());
    }
}
