package io.jcni.netlink.bridge;

import io.jcni.netlink.testing.ScratchNamespace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** iproute2 inside a scratch namespace ({@code ip -n NS}, {@code bridge -n NS}): test setup and oracle. */
final class IpCli {
    private IpCli() {
    }

    static String ip(ScratchNamespace ns, String... args) {
        return run("ip", ns, args);
    }

    static String bridge(ScratchNamespace ns, String... args) {
        return run("bridge", ns, args);
    }

    /** The index of a link, from {@code ip -o link show NAME} ("4: v0@v1: ..."). */
    static int index(ScratchNamespace ns, String name) {
        String line = ip(ns, "-o", "link", "show", "dev", name);
        return Integer.parseInt(line.substring(0, line.indexOf(':')));
    }

    /** A bridge {@code br0} with a veth pair {@code v0}/{@code v1}, {@code v0} enslaved to it. */
    static void bridgeWithPort(ScratchNamespace ns) {
        ip(ns, "link", "add", "br0", "type", "bridge");
        ip(ns, "link", "add", "v0", "type", "veth", "peer", "name", "v1");
        ip(ns, "link", "set", "v0", "master", "br0");
    }

    private static String run(String tool, ScratchNamespace ns, String... args) {
        List<String> command = new ArrayList<>(List.of(tool, "-n", ns.name()));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(command + " failed: " + new String(out, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        }
    }
}
