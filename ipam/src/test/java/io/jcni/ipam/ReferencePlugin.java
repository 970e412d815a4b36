package io.jcni.ipam;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one of the reference Go plugins in /usr/lib/cni, the oracle for these tests. */
public final class ReferencePlugin {
    public static final Path DIR = Path.of("/usr/lib/cni");

    /** What the plugin printed and how it exited. */
    public record Outcome(int exitCode, String stdout) {
    }

    private ReferencePlugin() {
    }

    public static Outcome run(String plugin, String command, String containerId, String ifname, String cniArgs,
                              String config) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(DIR.resolve(plugin).toString());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("CNI_"));
        env.put("CNI_COMMAND", command);
        env.put("CNI_CONTAINERID", containerId);
        env.put("CNI_NETNS", "/var/run/netns/jt-unused"); // host-local requires it for ADD, never opens it
        env.put("CNI_IFNAME", ifname);
        env.put("CNI_PATH", DIR.toString());
        if (cniArgs != null) {
            env.put("CNI_ARGS", cniArgs);
        }
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(config.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(plugin + " did not finish");
        }
        return new Outcome(p.exitValue(), out);
    }
}
