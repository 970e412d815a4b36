package io.jcni.ipam;

import io.jcni.conf.CniException;
import io.jcni.conf.CniPlugin;
import io.jcni.conf.CniVersion;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.ErrorJson;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.Request;
import io.jcni.conf.Verb;
import io.jcni.conf.exec.ProcessRunner;
import io.jcni.conf.result.Result;
import io.jcni.conf.result.ResultCodec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An IPAM plugin we do not implement (e.g. the reference {@code dhcp}), run as the spec says a
 * delegated plugin is: the executable found on {@code CNI_PATH}, the request's {@code CNI_*}
 * variables with {@code CNI_COMMAND} set to the verb (in the invocation's environment, not the
 * JVM's), the whole network config on stdin. A result is read in the config's version; an error
 * object it prints is passed on with its code, msg and details, and what it wrote to stderr is
 * added to the details.
 */
public final class DelegatedIpam implements CniPlugin {
    /** Long enough for a DHCP exchange; the runtime's own timeout is usually shorter. */
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final String type;
    private final Path executable;
    private final ProcessRunner runner = new ProcessRunner();

    public DelegatedIpam(String type, Path executable) {
        this.type = type;
        this.executable = executable;
    }

    @Override
    public String type() {
        return type;
    }

    public Path executable() {
        return executable;
    }

    @Override
    public Result add(Request request) throws CniException {
        CniVersion version = NetworkConfig.parse(request.config()).cniVersion();
        byte[] out = run(Verb.ADD, request);
        try {
            return ResultCodec.read(out, version);
        } catch (CniException e) {
            throw new CniException(e.code(), "ipam plugin " + type + ": unreadable result: " + e.msg(),
                    e.details(), e);
        }
    }

    @Override
    public void del(Request request) throws CniException {
        run(Verb.DEL, request);
    }

    @Override
    public void check(Request request) throws CniException {
        run(Verb.CHECK, request);
    }

    @Override
    public void status(Request request) throws CniException {
        run(Verb.STATUS, request);
    }

    @Override
    public void gc(Request request) throws CniException {
        run(Verb.GC, request);
    }

    /** Runs the plugin for {@code verb}; returns its stdout when it exits 0. */
    private byte[] run(Verb verb, Request request) throws CniException {
        // The invocation's environment (PATH and the like) with every CNI_* variable replaced.
        Map<String, String> env = new HashMap<>(request.environment());
        env.keySet().removeIf(k -> k.startsWith("CNI_"));
        env.put("CNI_COMMAND", verb.name());
        putIfNotEmpty(env, "CNI_CONTAINERID", request.containerId());
        request.netns().ifPresent(ns -> env.put("CNI_NETNS", ns));
        putIfNotEmpty(env, "CNI_IFNAME", request.ifname());
        putIfNotEmpty(env, "CNI_ARGS", request.args().format());
        env.put("CNI_PATH", request.path().stream().map(Path::toString).collect(Collectors.joining(":")));
        ProcessRunner.Output out = runner.run("ipam plugin " + type, List.of(executable.toString()), env,
                request.config(), TIMEOUT, Optional.empty());
        if (out.exitCode() == 0) {
            return out.stdout();
        }
        throw failure(out);
    }

    /** Its error object (or its output), with what it wrote to stderr added to the details. */
    private CniException failure(ProcessRunner.Output out) {
        String stderr = out.stderr().strip();
        try {
            CniException e = ErrorJson.parse(out.stdout());
            return stderr.isEmpty() ? e : new CniException(e.code(), e.msg(), joined(e.details(), "stderr: " + clip(stderr)), e);
        } catch (CniException notAnErrorObject) {
            String text = out.stdoutText().strip();
            return new CniException(ErrorCode.DECODING_FAILURE.code(), "ipam plugin " + type + " exited with "
                    + out.exitCode() + " without a CNI error object",
                    joined(clip(text), stderr.isEmpty() ? "" : "stderr: " + clip(stderr)), null);
        }
    }

    private static String joined(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "\n" + b;
    }

    private static String clip(String text) {
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    private static void putIfNotEmpty(Map<String, String> env, String key, String value) {
        if (value != null && !value.isEmpty()) {
            env.put(key, value);
        }
    }
}
