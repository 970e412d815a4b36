package io.jcni.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * A UDP server in a namespace (python3, dual-stack socket) that answers every datagram with a
 * fixed text: a reply proves the datagram reached it and the answer found its way back through
 * whatever NAT lies between, which for UDP is conntrack's reverse mapping.
 */
public final class UdpEchoServer implements AutoCloseable {
    private static final Duration FETCH_DEADLINE = Duration.ofSeconds(15);
    private final Process process;

    private UdpEchoServer(Process process) {
        this.process = process;
    }

    public static UdpEchoServer start(Netns ns, int port, String text) {
        String server = "import socket\n"
                + "s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)\n"
                + "s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)\n"
                + "s.bind(('::', " + port + "))\n"
                + "while True:\n"
                + "    data, peer = s.recvfrom(2048)\n"
                + "    s.sendto(b'" + text + "', peer)\n";
        try {
            Process process = new ProcessBuilder(ns.inside("python3", "-c", server))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return new UdpEchoServer(process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the UDP server", e);
        }
    }

    /** Sends datagrams from {@code client} to {@code address:port} until an answer comes; returns it (empty if none). */
    public String fetchFrom(Netns client, String address, int port) {
        return fetchFrom(client, address, port, 0);
    }

    /** As {@link #fetchFrom(Netns, String, int)} from a fixed source port (0: any). */
    public String fetchFrom(Netns client, String address, int port, int sourcePort) {
        String script = socket(address, sourcePort)
                + "end = time.time() + " + FETCH_DEADLINE.toSeconds() + "\n"
                + "s.settimeout(0.5)\n"
                + "while time.time() < end:\n"
                + "    s.sendto(b'ping', ('" + address + "', " + port + "))\n"
                + "    try:\n"
                + "        print(s.recv(2048).decode()); break\n"
                + "    except socket.timeout:\n"
                + "        pass\n";
        ExecResult result = client.exec("python3", "-c", script);
        return result.ok() ? result.stdout().strip() : "";
    }

    /** One datagram from {@code client}'s {@code sourcePort} to {@code address:port}, expecting nothing back. */
    public static void sendOnce(Netns client, String address, int port, int sourcePort) {
        client.exec("python3", "-c", socket(address, sourcePort)
                + "s.sendto(b'early', ('" + address + "', " + port + "))\n").orFail();
    }

    private static String socket(String address, int sourcePort) {
        String family = address.contains(":") ? "AF_INET6" : "AF_INET";
        return "import socket, time\n"
                + "s = socket.socket(socket." + family + ", socket.SOCK_DGRAM)\n"
                + "s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n"
                + "s.bind(('', " + sourcePort + "))\n";
    }

    @Override
    public void close() {
        Exec.stop(process);
    }
}
