package io.jcni.netlink.bridge;

import io.jcni.netlink.testing.ScratchNamespace;

/** iproute2 ({@code ip}, {@code bridge}) inside a scratch namespace: test setup and oracle. */
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
        String[] command = new String[args.length + 1];
        command[0] = tool;
        System.arraycopy(args, 0, command, 1, args.length);
        return ns.exec(command);
    }
}
