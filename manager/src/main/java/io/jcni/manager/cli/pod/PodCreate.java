package io.jcni.manager.cli.pod;

import io.jcni.manager.cli.OutputFormat;

import io.jcni.conf.Json;
import io.jcni.manager.net.CniLocations;
import io.jcni.manager.pod.PodException;
import io.jcni.manager.pod.PodState;
import io.jcni.manager.pod.Pods;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code jcni pod create}. */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Starts a pod: a pause process holding new net, ipc and uts namespaces (and pid with --pid), "
                + "its hostname NAME, its network namespace bind-mounted in the state dir, lo up, attached to the "
                + "network through its conflist (ADD as a runtime does, result cached where libcni caches it). "
                + "Prints the pause process, the netns and the pod's addresses.", ""},
        footer = {"", "Example:", "  CNI_PATH=/opt/cni/bin jcni pod create web --network podnet",
                "  jcni pod exec web -- ip addr"})
final class PodCreate implements Callable<Integer> {
    @Mixin
    PodOptions options;

    @Parameters(index = "0", paramLabel = "NAME", description = "the pod's name (letters, digits, '_', '.', '-'; at most 48)")
    String name;

    @Option(names = "--network", paramLabel = "NET",
            description = "the network to attach to (default: the first config in the config dir, as containerd picks)")
    String network;

    @Option(names = "--pid", description = "also give the pod its own PID namespace (its containers see the pause process as PID 1)")
    boolean pidNamespace;

    @Option(names = "--ifname", paramLabel = "IF", description = "the pod's interface (default: ${DEFAULT-VALUE})")
    String ifName = "eth0";

    @Option(names = "--conf-dir", paramLabel = "DIR",
            description = "the network configs (default: NETCONFPATH, else /etc/cni/net.d)")
    Path confDir;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "table (the default) or json")
    OutputFormat output = OutputFormat.table;

    @Override
    public Integer call() {
        CniLocations where = CniLocations.from(System.getenv(), Optional.ofNullable(confDir));
        try {
            Pods.Created created = options.pods().create(name, Optional.ofNullable(network), pidNamespace, ifName, where);
            PodState s = created.state();
            if (output == OutputFormat.json) {
                System.out.println(new String(Json.pretty(new PodView(s, true).json()), StandardCharsets.UTF_8));
            } else {
                System.out.println("pod " + s.name() + ": pause process " + s.pid() + " holds its "
                        + String.join(", ", s.namespaces()) + " namespaces");
                System.out.println("  netns    " + s.netns());
                System.out.println("  network  " + s.network() + " (" + s.ifName() + "): "
                        + (s.addresses().isEmpty() ? "no addresses" : String.join(", ", s.addresses()))
                        + " (the plugins' ADD took " + created.add().toMillis() + " ms)");
            }
            return 0;
        } catch (PodException e) {
            System.err.println("jcni pod create: " + e.getMessage());
            return 1;
        }
    }
}
