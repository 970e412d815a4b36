package io.jcni.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full chain ({@link FullChainConflist}) under a real runtime: {@code ctr run --rm --cni} in a
 * private {@link Containerd} gives a busybox container its addresses, tuning's MTU and sysctl; the
 * container reaches the external network and its hostPort answers from there; after {@code --rm}
 * nothing of it is left.
 *
 * <p>ctr does not call {@code loopback}: its {@code --cni} loads the network with go-cni's
 * {@code WithDefaultConf} only, without {@code WithLoNetwork} (containerd's CRI adds that, and the
 * private containerd runs without CRI); runc brings {@code lo} up in the new netns itself. (A
 * tracing wrapper in front of {@code loopback} saw no call.) {@code LoopbackDifferentialE2eTest}
 * covers loopback.
 *
 * <p>ctr has no option for port mappings (containerd's CRI would send them, but the private
 * containerd runs without CRI), so the portmap entry carries them as a static {@code runtimeConfig}
 * and no {@code capabilities}: libcni hands a plugin's {@code runtimeConfig} through unchanged when it
 * injects no capability args.
 */
abstract class FullChainContainerdE2eTest {
    private static final Pattern ADDRESS4 = Pattern.compile("inet (10\\.23\\.0\\.\\d+)/24");
    private static final Pattern ADDRESS6 = Pattern.compile("inet6 (fd00:23::[0-9a-f:]+)/64");

    private final PluginSet plugins;

    @AutoClose
    final Lab lab = new Lab();

    @TempDir
    Path work;

    FullChainContainerdE2eTest(PluginSet plugins) {
        this.plugins = plugins;
    }

    /** Whether DEL without a netns path (ctr's after --rm) removes the masquerade rules and the tuning backup. */
    boolean cleansUpWithoutTheNetns() {
        return true;
    }

    @Test
    void ctrRunWithTheFullChainReachesOutIsReachedOnItsHostPortAndRmLeavesNothing() throws Exception {
        SandboxHost host = lab.host();
        ExternalNetwork ext = lab.external(host);
        BridgeConflist net = FullChainConflist.of("1.0.0", work);
        ObjectNode portmap = (ObjectNode) net.json().path("plugins").get(1);
        portmap.remove("capabilities");
        portmap.putObject("runtimeConfig").putArray("portMappings").addObject()
                .put("hostPort", PortmapConflist.TCP_HOST_PORT).put("containerPort", PortmapConflist.TCP_POD_PORT)
                .put("protocol", "tcp");
        Path image = BusyboxImage.build(work.resolve("image"));
        Containerd containerd = lab.keep(Containerd.start(host, plugins, net, work.resolve("containerd")));
        containerd.importImage(image);
        String id = Names.unique("ctr");

        CompletableFuture<ExecResult> running = CompletableFuture.supplyAsync(() -> containerd.ctr(
                "run", "--rm", "--cni", "--cgroup", "", BusyboxImage.NAME, id, "sh", "-c",
                "ip -o addr show dev eth0 scope global && echo mtu=$(cat /sys/class/net/eth0/mtu)"
                        + " arp_notify=$(cat /proc/sys/net/ipv4/conf/eth0/arp_notify)"
                        + " && ping -c 1 -w 10 " + ExternalNetwork.IPV4
                        + " && echo tcp-ok | timeout 60 nc -l -p " + PortmapConflist.TCP_POD_PORT));
        String fetched = fetch(ext, ExternalNetwork.HOST_IPV4, PortmapConflist.TCP_HOST_PORT);
        ExecResult run = running.get(90, TimeUnit.SECONDS);

        run.orFail();
        assertEquals("tcp-ok", fetched, run.describe());
        assertTrue(run.stdout().contains("mtu=" + FullChainConflist.POD_MTU + " arp_notify=1"), run.describe());
        assertTrue(run.stdout().contains("1 packets received"), run.describe());
        Matcher v4 = ADDRESS4.matcher(run.stdout());
        Matcher v6 = ADDRESS6.matcher(run.stdout());
        assertTrue(v4.find() && v6.find(), run.describe());
        AddResult added = new AddResult(Json.parse("{\"ips\":[{\"address\":\"" + v4.group(1) + "/24\"},{\"address\":\""
                + v6.group(1) + "/64\"}]}"));
        // --rm deleted the container and ctr called DEL (with an empty netns path).
        FullChainLeftovers.assertNone(host, net, work, added, cleansUpWithoutTheNetns());
        assertEquals("", containerd.ctr("containers", "list", "-q").orFail().stdout().strip());
        assertEquals(List.of(), ContainerdE2eTest.filesUnder(containerd.cniCache()));
    }

    /** What {@code address:port} sends its first client, retried while the container starts. */
    private static String fetch(Netns client, String address, int port) {
        String script = "end=$(($(date +%s) + 40)); while [ $(date +%s) -lt $end ]; do "
                + "out=$(busybox nc -w 3 " + address + " " + port + " 2>/dev/null) && [ -n \"$out\" ] && { echo \"$out\"; exit 0; }; "
                + "sleep 0.2; done; exit 1";
        return client.exec("sh", "-c", script).stdout().strip();
    }
}
