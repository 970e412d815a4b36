package io.jcni.netlink.nftables;

import io.jcni.netlink.testing.ScratchNamespace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the nft command inside a scratch namespace (never the root one): the oracle of these tests. */
final class NftCli {
    private NftCli() {
    }

    /** {@code ip netns exec NS nft ARGS...}; fails the test unless nft exits 0. Returns stdout. */
    static String run(ScratchNamespace ns, String... args) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns.name(), "nft"));
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

    /** Loads a ruleset file with {@code nft -f}. */
    static void load(ScratchNamespace ns, String ruleset) {
        try {
            Path file = Files.createTempFile("jcni-nft", ".nft");
            try {
                Files.writeString(file, ruleset);
                run(ns, "-f", file.toString());
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot write ruleset file", e);
        }
    }
}
