package io.jcni.plugin;

import io.jcni.conf.CniEnvironment;
import io.jcni.conf.CniException;
import io.jcni.conf.CniPlugin;
import io.jcni.conf.CniVersion;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.ErrorJson;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.Request;
import io.jcni.conf.Verb;
import io.jcni.conf.VersionInfo;
import io.jcni.conf.result.Result;
import io.jcni.conf.result.ResultCodec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one process invocation (environment, stdin, the type the executable was installed as)
 * into a {@link Request}, calls the plugin, and writes the result or the spec's error object.
 * The only place that decides what reaches stdout and the exit status.
 */
public final class Dispatcher {
    /** Exit status of a successful invocation. */
    public static final int EXIT_OK = 0;
    /** Exit status of every failed invocation; the error object on stdout says why. */
    public static final int EXIT_ERROR = 1;
    /**
     * The code for a failure no code anticipated (a bug, an unexpected exception): in the
     * plugin-specific range (100+) the spec leaves to plugins.
     */
    public static final int INTERNAL_ERROR = 999;

    private final Plugins plugins;
    private final Log log;

    public Dispatcher(Plugins plugins, Log log) {
        this.plugins = plugins;
        this.log = log;
    }

    /**
     * Runs one invocation.
     *
     * @param env    the process environment ({@code CNI_*})
     * @param stdin  everything read from stdin
     * @param type   the plugin type the executable was installed as
     * @param stdout receives the result or the error object, and nothing else
     * @return the exit status
     */
    public int run(Map<String, String> env, byte[] stdin, String type, OutputStream stdout) {
        return run(env, stdin, type, stdout, Optional.empty());
    }

    /**
     * Runs one invocation whose pod namespace is to be opened from {@code netnsFile} rather than
     * the {@code CNI_NETNS} path (the daemon: a descriptor the caller opened, {@code /proc/self/fd/N}).
     */
    public int run(Map<String, String> env, byte[] stdin, String type, OutputStream stdout, Optional<Path> netnsFile) {
        long start = System.nanoTime();
        String command = env.getOrDefault(CniEnvironment.COMMAND, "");
        try {
            Optional<byte[]> out = dispatch(env, stdin, type, netnsFile);
            if (out.isPresent()) {
                write(stdout, out.get());
            }
            log.info(type + " " + command + " " + containerOf(env) + ": ok in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms");
            return EXIT_OK;
        } catch (CniException e) {
            log.error(type + " " + command + " " + containerOf(env) + ": code " + e.code() + ": "
                    + e.msg() + (e.details().isEmpty() ? "" : " (" + e.details() + ")"));
            return fail(stdout, e, stdin);
        } catch (RuntimeException | IOException | Error e) {
            // A bug or an environment failure nobody gave a code to: report it as an error object,
            // keep the stack trace for the log.
            log.error(type + " " + command + " " + containerOf(env) + ": unexpected " + stackTrace(e));
            CniException internal = new CniException(INTERNAL_ERROR,
                    "internal error: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                    "", e);
            return fail(stdout, internal, stdin);
        }
    }

    private Optional<byte[]> dispatch(Map<String, String> env, byte[] stdin, String type, Optional<Path> netnsFile)
            throws CniException, IOException {
        if (Verb.VERSION.name().equals(env.get(CniEnvironment.COMMAND))) {
            // VERSION needs no config: runtimes probe with an empty or minimal stdin.
            return Optional.of(VersionInfo.of(EnumSet.allOf(CniVersion.class)).toBytes());
        }
        Request parsed = CniEnvironment.parse(env, stdin);
        Request request = netnsFile.isPresent() && parsed.netns().isPresent()
                ? parsed.withNetnsFile(netnsFile.get()) : parsed;
        NetworkConfig config = NetworkConfig.parse(stdin);
        requireType(config, type);
        VerbVersions.require(request.verb(), config.cniVersion());
        CniPlugin plugin = plugins.find(type).orElseThrow(() -> new CniException(INTERNAL_ERROR,
                "type: no plugin \"" + type + "\" is installed in this jcni build"));
        switch (request.verb()) {
            case ADD -> {
                Result result = plugin.add(request);
                return Optional.of(ResultCodec.write(result, config.cniVersion()));
            }
            case DEL -> plugin.del(request);
            case CHECK -> plugin.check(request);
            case STATUS -> plugin.status(request);
            case GC -> plugin.gc(request);
            case VERSION -> throw new IllegalStateException("VERSION is answered above");
        }
        return Optional.empty();
    }

    /**
     * The config must be meant for this executable: its {@code type}, or its {@code ipam.type},
     * since runtimes and main plugins run an IPAM plugin with the whole network config.
     */
    private static void requireType(NetworkConfig config, String type) throws CniException {
        if (config.type().equals(type)) {
            return;
        }
        String ipamType = config.ipam().map(ipam -> ipam.path("type").asText("")).orElse("");
        if (ipamType.equals(type)) {
            return;
        }
        throw new CniException(ErrorCode.INVALID_NETWORK_CONFIG, "type: \"" + config.type()
                + "\" does not match this plugin, which is \"" + type + "\""
                + (ipamType.isEmpty() ? "" : " (nor does ipam.type \"" + ipamType + "\")"));
    }

    private int fail(OutputStream stdout, CniException e, byte[] stdin) {
        try {
            write(stdout, ErrorJson.write(e, ErrorVersion.of(stdin).text()));
        } catch (IOException | RuntimeException writeFailure) {
            log.error("cannot write the error object: " + writeFailure);
        }
        return EXIT_ERROR;
    }

    private static void write(OutputStream stdout, byte[] bytes) throws IOException {
        stdout.write(bytes);
        stdout.flush();
    }

    private static String containerOf(Map<String, String> env) {
        return env.getOrDefault(CniEnvironment.CONTAINER_ID, "-");
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter w = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(w));
        return w.toString().stripTrailing();
    }
}
