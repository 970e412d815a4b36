package io.jcni.manager.pod;

import io.jcni.conf.CniArgs;
import io.jcni.conf.CniException;
import io.jcni.conf.ConfList;
import io.jcni.conf.Json;
import io.jcni.conf.exec.ProcessRunner;
import io.jcni.conf.result.IpConfig;
import io.jcni.conf.result.Result;
import io.jcni.manager.net.CachedAttachment;
import io.jcni.manager.net.CniLocations;
import io.jcni.manager.net.Network;
import io.jcni.manager.net.NetworkConfigs;
import io.jcni.manager.net.NetworkRunner;
import io.jcni.manager.net.PluginExec;
import io.jcni.manager.net.ResultCache;
import io.jcni.manager.net.RuntimeConf;
import io.jcni.netlink.Netlink;
import io.jcni.netlink.ns.NetNamespace;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The seed's pod, by hand: a pause process holds fresh namespaces, its network namespace is
 * bind-mounted in the pod's state dir and attached to a network through the conflist (libcni's
 * way, cache shared with cnitool and {@code jcni net}); containers are processes that join the
 * namespaces; removal DELs the network and ends the pause process, also after it died.
 */
public final class Pods {
    private final PodStore store;
    private final Map<String, String> environment;
    private final PrintStream stderr;

    public Pods(PodStore store, Map<String, String> environment, PrintStream stderr) {
        this.store = store;
        this.environment = Map.copyOf(environment);
        this.stderr = stderr;
    }

    public PodStore store() {
        return store;
    }

    /** Makes pod {@code name} attached to {@code network} (the config dir's first when empty); leaves nothing on failure. */
    public Created create(String name, Optional<String> network, boolean pidNamespace, String ifName,
                          CniLocations where) throws PodException {
        PodStore.checkName(name);
        Network net = network(where.confDir(), network);
        try (AutoCloseable ignored = store.lock()) {
            Path dir = store.podDir(name);
            if (Files.exists(dir)) {
                throw new PodException("pod " + name + " already exists (in " + dir + ")");
            }
            Files.createDirectories(dir);
            PauseProcess pause;
            try {
                pause = PauseProcess.start(name, pidNamespace, dir.resolve("pause.log"));
            } catch (PodException e) {
                store.delete(name);
                throw e;
            }
            PodState state = new PodState(name, pause.pid(), pause.startTime(), pidNamespace, dir.resolve("netns"),
                    net.name(), "jcni-pod-" + name, ifName, where.confDir(), where.pluginDirs(), where.cacheDir(),
                    List.of(), Instant.now());
            store.save(state);
            try {
                NetnsMount.bind(pause.namespace("net"), state.netns());
                loopbackUp(state);
                PluginExec plugins = plugins(state);
                Result r = new NetworkRunner(plugins, new ResultCache(state.cacheDir()))
                        .add(net, runtimeConf(state, state.netns().toString()));
                Duration took = plugins.pluginTime();
                state = state.withAddresses(addresses(r));
                store.save(state);
                return new Created(state, took);
            } catch (PodException | CniException | RuntimeException e) {
                undoCreate(state, net);
                throw e instanceof PodException p ? p
                        : new PodException("pod " + name + ": attach to network " + net.name() + ": " + message(e), e);
            }
        } catch (PodException e) {
            throw e;
        } catch (Exception e) {
            throw new PodException("pod " + name + ": " + e.getMessage(), e);
        }
    }

    /** nsenter's command line that runs {@code command} inside the pod's namespaces. */
    public List<String> execCommand(String name, List<String> command) throws PodException {
        PodState s = require(name);
        if (!pause(s).alive()) {
            throw new PodException("pod " + name + ": its pause process " + s.pid() + " has exited, so there are no "
                    + "namespaces to join; remove the pod with: jcni pod rm " + name);
        }
        List<String> argv = new ArrayList<>(List.of(ProcessRunner.findSystemTool("nsenter").map(Path::toString)
                        .orElseThrow(() -> new PodException("nsenter is not installed (util-linux): jcni pod exec needs it")),
                "--target", Long.toString(s.pid())));
        for (String ns : s.namespaces()) {
            argv.add("--" + ns);
        }
        argv.add("--");
        argv.addAll(command);
        return argv;
    }

    /** A new pod, and how long its network's ADD took: the plugin processes, start to exit, as a runtime waits for them. */
    public record Created(PodState state, Duration add) {
    }

    /**
     * DELs the pod's network (with its cached config when the conflist is gone), ends the pause
     * process, unmounts the netns and forgets the pod. A failed DEL stops here unless {@code force}.
     */
    public Duration remove(String name, boolean force) throws PodException {
        try (AutoCloseable ignored = store.lock()) {
            PodStore.checkName(name);
            Path dir = store.podDir(name);
            if (store.load(name).isEmpty() && Files.isDirectory(dir)) {
                // A create that was killed before it wrote pod.json: no pause process or network is known.
                NetnsMount.remove(dir.resolve("netns"));
                store.delete(name);
                return Duration.ZERO;
            }
            PodState s = require(name);
            String netns = NetnsMount.mounted(s.netns()) ? s.netns().toString() : "";
            PluginExec plugins = plugins(s);
            try {
                Network net = networkForDel(s);
                new NetworkRunner(plugins, new ResultCache(s.cacheDir())).del(net, runtimeConf(s, netns));
            } catch (CniException e) {
                if (!force) {
                    throw new PodException("pod " + name + ": DEL from network " + s.network() + " failed: " + message(e)
                            + " (the pod is kept; fix the cause and retry, or use --force)", e);
                }
                stderr.println("jcni pod rm: " + name + ": DEL failed, removing anyway (--force): " + message(e));
                try {
                    for (String error : runner(s).delEveryPlugin(networkForDel(s), runtimeConf(s, netns))) {
                        stderr.println("jcni pod rm: " + name + ": " + error);
                    }
                } catch (CniException again) {
                    stderr.println("jcni pod rm: " + name + ": " + message(again));
                }
            }
            Duration took = plugins.pluginTime();
            pause(s).stop();
            NetnsMount.remove(s.netns());
            store.delete(name);
            return took;
        } catch (PodException e) {
            throw e;
        } catch (Exception e) {
            throw new PodException("pod " + name + ": " + e.getMessage(), e);
        }
    }

    /** Whether the pod's pause process still runs. */
    public boolean running(PodState s) {
        return pause(s).alive();
    }

    private PodState require(String name) throws PodException {
        PodStore.checkName(name);
        return store.load(name).orElseThrow(() -> new PodException("no pod named " + name + " in " + store.dir()));
    }

    private static PauseProcess pause(PodState s) {
        return new PauseProcess(s.pid(), s.pidStartTime());
    }

    private void undoCreate(PodState s, Network net) {
        try {
            for (String error : runner(s).delEveryPlugin(net, runtimeConf(s, NetnsMount.mounted(s.netns()) ? s.netns().toString() : ""))) {
                stderr.println("jcni pod create: " + s.name() + ": cleaning up: " + error);
            }
        } catch (CniException | RuntimeException e) {
            stderr.println("jcni pod create: " + s.name() + ": cleaning up, DEL failed: " + message(e));
        }
        try {
            pause(s).stop();
            NetnsMount.remove(s.netns());
            store.delete(s.name());
        } catch (PodException e) {
            stderr.println("jcni pod create: " + s.name() + ": cleaning up: " + e.getMessage());
        }
    }

    private static Network network(Path confDir, Optional<String> name) throws PodException {
        NetworkConfigs configs = new NetworkConfigs(confDir);
        try {
            if (name.isPresent()) {
                return configs.load(name.get());
            }
            return configs.first().orElseThrow(() -> new PodException("no network configs in " + confDir
                    + " (give --conf-dir, or set NETCONFPATH)"));
        } catch (CniException e) {
            throw new PodException(message(e), e);
        }
    }

    /** The pod's network as configured now, else as cached at ADD time (the conflist may be gone). */
    private Network networkForDel(PodState s) throws CniException {
        try {
            return new NetworkConfigs(s.confDir()).load(s.network());
        } catch (CniException gone) {
            Optional<CachedAttachment> cached = new ResultCache(s.cacheDir()).read(s.network(), s.containerId(), s.ifName());
            if (cached.isEmpty() || cached.get().config().length == 0) {
                throw gone;
            }
            byte[] bytes = cached.get().config();
            return new Network(ConfList.parse(bytes), bytes, s.cacheDir());
        }
    }

    private NetworkRunner runner(PodState s) {
        return new NetworkRunner(plugins(s), new ResultCache(s.cacheDir()));
    }

    private PluginExec plugins(PodState s) {
        return new PluginExec(s.pluginDirs(), environment, stderr);
    }

    private static RuntimeConf runtimeConf(PodState s, String netns) {
        return new RuntimeConf(s.containerId(), netns, s.ifName(), CniArgs.EMPTY, Json.object());
    }

    /** A runtime brings the sandbox's lo up, so that its containers share 127.0.0.1. */
    private static void loopbackUp(PodState s) throws PodException {
        try (NetNamespace ns = NetNamespace.open(s.netns()); Netlink nl = Netlink.open(ns)) {
            nl.links().setUp("lo");
        } catch (RuntimeException e) {
            throw new PodException("pod " + s.name() + ": set lo up: " + e.getMessage(), e);
        }
    }

    private static List<String> addresses(Result r) {
        return r.ips().stream().map(IpConfig::address).map(Object::toString).toList();
    }

    private static String message(Exception e) {
        if (e instanceof CniException c) {
            return c.getMessage() + (c.details().isEmpty() ? "" : "; " + c.details());
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
