package io.jcni.plugin.bridge;

import io.jcni.netlink.testing.ScratchNamespace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The reference Go bridge plugin ({@code /usr/lib/cni/bridge}), run as a process inside a scratch host namespace. */
final class ReferencePlugin {
    static final Path DIR = Path.of("/usr/lib/cni");

    /** What the plugin printed and its exit status. */
    record Outcome(int exit, String stdout) {
    }

    private ReferencePlugin() {
    }

    static Outcome run(ScratchNamespace host, String command, String containerId, String netns, String config) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", host.name(), "env", "-i",
                "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "CNI_COMMAND=" + command, "CNI_CONTAINERID=" + containerId, "CNI_NETNS=" + netns,
                "CNI_IFNAME=eth0", "CNI_PATH=" + DIR, DIR.resolve("bridge").toString()));
        try {
            Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (var in = p.getOutputStream()) {
                in.write(config.getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Outcome(p.waitFor(), out);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(argv.toString(), e);
        }
    }

    /** Runs and fails the test on a non-zero exit. */
    static String ok(ScratchNamespace host, String command, String containerId, String netns, String config) {
        Outcome o = run(host, command, containerId, netns, config);
        if (o.exit() != 0) {
            throw new IllegalStateException("reference bridge " + command + " failed: " + o.stdout());
        }
        return o.stdout();
    }
}
