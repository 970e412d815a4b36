package io.jcni.manager.cli.net;

import io.jcni.conf.CniException;
import io.jcni.manager.net.CniLocations;
import io.jcni.manager.net.Network;
import io.jcni.manager.net.NetworkConfigs;
import io.jcni.manager.net.NetworkRunner;
import io.jcni.manager.net.PluginExec;
import io.jcni.manager.net.ResultCache;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * What every {@code jcni net} verb shares: the network by name from the config dir, the plugin dirs
 * and the result cache where cnitool looks, and errors printed as {@code jcni net VERB: msg}
 * with exit status 1.
 */
abstract class NetVerb implements Callable<Integer> {
    @Option(names = "--conf-dir", paramLabel = "DIR",
            description = "the network configs (default: NETCONFPATH, else /etc/cni/net.d)")
    Path confDir;

    @Parameters(index = "0", paramLabel = "NETWORK", description = "the network's name (its conflist's \"name\")")
    String network;

    /** The process environment: the command line's own, as cnitool reads it. */
    final Map<String, String> env = System.getenv();

    abstract String verb();

    abstract int run(Network network, NetworkRunner runner) throws CniException;

    @Override
    public final Integer call() {
        CniLocations where = CniLocations.from(env, Optional.ofNullable(confDir));
        try {
            Network n = new NetworkConfigs(where.confDir()).load(network);
            NetworkRunner runner = new NetworkRunner(new PluginExec(where.pluginDirs(), env, System.err),
                    new ResultCache(where.cacheDir()));
            return run(n, runner);
        } catch (CniException e) {
            System.err.println("jcni net " + verb() + ": " + e.getMessage()
                    + (e.details().isEmpty() ? "" : "; " + e.details()));
            return 1;
        }
    }
}
