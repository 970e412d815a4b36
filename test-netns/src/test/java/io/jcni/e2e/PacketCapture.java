package io.jcni.e2e;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * tcpdump in a namespace, waiting for the first packet that matches a filter: how the tests see
 * what source address really arrived on the far side (e.g. a masqueraded pod).
 */
public final class PacketCapture implements AutoCloseable {
    /** ICMP echo requests of each family (the IPv6 form assumes no extension headers). */
    public static final String ICMP_ECHO_REQUEST = "icmp[icmptype] == icmp-echo";
    public static final String ICMP6_ECHO_REQUEST = "icmp6 and ip6[40] == 128";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern PACKET = Pattern.compile("\\bIP6? (\\S+) > (\\S+?):");

    private final Process process;
    private final CompletableFuture<String> firstPacket = new CompletableFuture<>();

    private PacketCapture(Process process) {
        this.process = process;
    }

    /** Starts capturing on {@code iface} in {@code ns} and returns once tcpdump is listening. */
    public static PacketCapture start(Netns ns, String iface, String filter) {
        Process process;
        try {
            process = new ProcessBuilder(ns.inside("tcpdump", "-i", iface, "-n", "-l", "-c", "1", filter))
                    .redirectInput(new File("/dev/null"))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start tcpdump", e);
        }
        PacketCapture capture = new PacketCapture(process);
        CompletableFuture<Void> listening = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> capture.readErrors(listening));
        Thread.ofVirtual().start(capture::readPackets);
        try {
            listening.get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            capture.close();
            throw new IllegalStateException("tcpdump did not start listening on " + iface, e);
        } catch (InterruptedException e) {
            capture.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return capture;
    }

    private void readErrors(CompletableFuture<Void> listening) {
        StringBuilder text = new StringBuilder();
        try (var reader = reader(process.getErrorStream())) {
            for (String line; (line = reader.readLine()) != null; ) {
                text.append(line).append('\n');
                if (line.contains("listening on")) {
                    listening.complete(null);
                }
            }
        } catch (IOException ignored) {
            // The process is gone: handled below.
        }
        listening.completeExceptionally(new IllegalStateException("tcpdump exited: " + text));
    }

    private void readPackets() {
        try (var reader = reader(process.getInputStream())) {
            String line = reader.readLine();
            if (line != null) {
                firstPacket.complete(line);
            }
        } catch (IOException ignored) {
            // The process is gone: handled below.
        }
        firstPacket.completeExceptionally(new IllegalStateException("tcpdump exited before a packet matched"));
    }

    private static BufferedReader reader(java.io.InputStream stream) {
        return new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
    }

    /** The tcpdump line of the first matching packet, waiting at most {@code timeout}. */
    public String firstPacket(Duration timeout) {
        try {
            return firstPacket.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no matching packet within " + timeout, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The source address of the first matching packet. */
    public String firstSource(Duration timeout) {
        String line = firstPacket(timeout);
        Matcher m = PACKET.matcher(line);
        if (!m.find()) {
            throw new IllegalStateException("cannot read the addresses of: " + line);
        }
        return m.group(1);
    }

    @Override
    public void close() {
        Exec.stop(process);
    }
}
