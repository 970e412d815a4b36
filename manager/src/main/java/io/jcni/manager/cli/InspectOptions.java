package io.jcni.manager.cli;

import io.jcni.manager.inventory.ConfDir;
import io.jcni.manager.inventory.Inventory;
import io.jcni.manager.net.CniLocations;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Where the inspection commands look: the host namespace, the config dir, the result cache; and the output form. */
final class InspectOptions {
    @Option(names = "--netns", paramLabel = "PATH",
            description = "inspect the node whose network namespace is PATH (default: the one jcni runs in)")
    Path netns;

    @Option(names = "--conf-dir", paramLabel = "DIR",
            description = "the networks' configs (default: NETCONFPATH, else /etc/cni/net.d)")
    Path confDir;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "libcni's result cache (default: CNI_CACHEDIR, else /var/lib/cni)")
    Path cacheDir;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table or json (default: ${DEFAULT-VALUE}); the json schema is in docs/cli.md")
    OutputFormat output;

    Inventory.Scope scope() {
        Map<String, String> env = System.getenv();
        CniLocations where = CniLocations.from(env, Optional.ofNullable(confDir));
        return new Inventory.Scope(Optional.ofNullable(netns), ConfDir.read(where.confDir()),
                Optional.ofNullable(cacheDir).orElse(where.cacheDir()), env);
    }

    boolean json() {
        return output == OutputFormat.json;
    }
}
