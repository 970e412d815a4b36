package io.jcni.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full chain {@code bridge + portmap + firewall + tuning + bandwidth} ({@link FullChainConflist})
 * through cnitool in a sandbox host: ADD gives the pod its addresses, tuning's MTU and sysctl, an
 * ifb and its qdiscs; the pod reaches the external network and its hostPort answers from there;
 * CHECK passes; DEL (also after the pod's netns vanished) and GC leave nothing of the pod. A subclass
 * picks the {@link PluginSet}: the reference's behaviour is required of jcni's.
 */
abstract class FullChainE2eTest {
    private final PluginSet plugins;

    @AutoClose
    final Lab lab = new Lab();

    @TempDir
    Path work;

    FullChainE2eTest(PluginSet plugins) {
        this.plugins = plugins;
    }

    /** Whether CHECK of a dual-stack pod passes (the reference 1.1.1 portmap's fails: it looks for the IPv4 rules in ip6tables). */
    boolean checksDualStackPods() {
        return true;
    }

    /** Whether DEL removes the masquerade rules and the tuning backup when the pod's netns has vanished. */
    boolean cleansUpWithoutTheNetns() {
        return true;
    }

    @Test
    void addCheckTrafficAndDelLeaveNothing() {
        SandboxHost host = lab.host();
        ExternalNetwork ext = lab.external(host);
        PausePod pod = lab.pausePod();
        CniTool cni = new CniTool(plugins, host, work.resolve("cni"));
        BridgeConflist net = FullChainConflist.of("1.0.0", work);
        cni.install(net);

        AddResult added = cni.add(net.name(), Attachment.of(pod), PortmapConflist.CAP_ARGS);

        assertEquals("1.0.0", added.cniVersion());
        assertEquals(List.of(added.address(false), added.address(true)), Inspect.addresses(pod, "eth0"));
        assertEquals(FullChainConflist.POD_MTU, Inspect.link(pod, "eth0").path("mtu").asInt());
        assertEquals("1", Inspect.sysctl(pod, "net.ipv4.conf.eth0.arp_notify"));
        assertEquals(1, Inspect.links(host, "ifb").size(), "bandwidth's ifb");
        assertTrue(TcSnapshot.shapingQdiscs(host).stream().anyMatch(q -> q.startsWith("qdisc tbf")), TcSnapshot.shapingQdiscs(host).toString());
        pod.ping(ExternalNetwork.IPV4).orFail();
        pod.ping(ExternalNetwork.IPV6).orFail();
        assertEquals("tcp-ok", PortmapE2eTest.tcp(pod, ext, ExternalNetwork.HOST_IPV4, PortmapConflist.TCP_HOST_PORT));
        assertEquals("udp-ok", PortmapE2eTest.udp(pod, ext, ExternalNetwork.HOST_IPV4, PortmapConflist.UDP_HOST_PORT));
        assertEquals("tcp-ok", PortmapE2eTest.tcp(pod, ext, ExternalNetwork.HOST_IPV6, PortmapConflist.TCP_HOST_PORT));
        if (checksDualStackPods()) {
            cni.check(net.name(), Attachment.of(pod), PortmapConflist.CAP_ARGS);
        }

        cni.del(net.name(), Attachment.of(pod), PortmapConflist.CAP_ARGS);

        FullChainLeftovers.assertNone(host, net, work, added);
        assertEquals(List.of("lo"), Inspect.links(pod));
        cni.del(net.name(), Attachment.of(pod), PortmapConflist.CAP_ARGS); // a second DEL succeeds
    }

    @Test
    void delAfterThePodsNetnsVanishedLeavesNothing() {
        SandboxHost host = lab.host();
        PausePod pod = PausePod.start();
        CniTool cni = new CniTool(plugins, host, work.resolve("cni"));
        BridgeConflist net = FullChainConflist.of("1.0.0", work);
        cni.install(net);
        Attachment attachment = Attachment.of(pod);
        AddResult added;
        try {
            added = cni.add(net.name(), attachment, PortmapConflist.CAP_ARGS);
        } finally {
            pod.close();
        }

        cni.del(net.name(), attachment, PortmapConflist.CAP_ARGS);
        // What a runtime sends once it has forgotten the netns too (ctr does after --rm).
        cni.del(net.name(), new Attachment(attachment.containerId(), attachment.ifname(), null), PortmapConflist.CAP_ARGS);

        FullChainLeftovers.assertNone(host, net, work, added, cleansUpWithoutTheNetns());
    }
}
