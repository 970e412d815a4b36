package io.jcni.ipam;

import io.jcni.conf.CniException;
import io.jcni.conf.CniPlugin;
import io.jcni.conf.CniVersion;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.ErrorJson;
import io.jcni.conf.NetworkConfig;
import io.jcni.conf.Request;
import io.jcni.conf.Verb;
import io.jcni.conf.result.Result;
import io.jcni.conf.result.ResultCodec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * An IPAM plugin we do not implement (e.g. the reference {@code dhcp}), run as the spec says a
 * delegated plugin is: the executable found on {@code CNI_PATH}, the request's {@code CNI_*}
 * variables with {@code CNI_COMMAND} set to the verb, the whole network config on stdin. A result
 * is read in the config's version; an error object it prints is passed on with its code, msg and
 * details.
 */
public final class DelegatedIpam implements CniPlugin {
    private final String type;
    private final Path executable;

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
        ProcessBuilder pb = new ProcessBuilder(executable.toString());
        // The child inherits our environment (PATH and the like) with every CNI_* variable replaced.
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("CNI_"));
        env.put("CNI_COMMAND", verb.name());
        putIfNotEmpty(env, "CNI_CONTAINERID", request.containerId());
        request.netns().ifPresent(ns -> env.put("CNI_NETNS", ns));
        putIfNotEmpty(env, "CNI_IFNAME", request.ifname());
        putIfNotEmpty(env, "CNI_ARGS", request.args().format());
        env.put("CNI_PATH", request.path().stream().map(Path::toString).collect(Collectors.joining(":")));
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new CniException(ErrorCode.IO_FAILURE, "ipam plugin " + type + ": cannot run " + executable, e);
        }
        try {
            // Write stdin while reading stdout, so a large config cannot dead-lock on full pipes.
            CompletableFuture<Void> feed = CompletableFuture.runAsync(() -> {
                try (OutputStream in = p.getOutputStream()) {
                    in.write(request.config());
                } catch (IOException ignored) {
                    // the plugin closed stdin early; its exit status and output tell what happened
                }
            });
            byte[] out;
            try (InputStream stdout = p.getInputStream()) {
                out = stdout.readAllBytes();
            }
            int rc = p.waitFor();
            feed.join();
            if (rc == 0) {
                return out;
            }
            throw failure(rc, out);
        } catch (IOException e) {
            throw new CniException(ErrorCode.IO_FAILURE, "ipam plugin " + type + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CniException(ErrorCode.TRY_AGAIN_LATER, "ipam plugin " + type + ": interrupted", e);
        }
    }

    private CniException failure(int rc, byte[] out) {
        try {
            return ErrorJson.parse(out);
        } catch (CniException notAnErrorObject) {
            String text = new String(out, StandardCharsets.UTF_8).strip();
            return new CniException(ErrorCode.DECODING_FAILURE.code(), "ipam plugin " + type + " exited with "
                    + rc + " without a CNI error object", text.length() > 500 ? text.substring(0, 500) : text, null);
        }
    }

    private static void putIfNotEmpty(Map<String, String> env, String key, String value) {
        if (value != null && !value.isEmpty()) {
            env.put(key, value);
        }
    }
}
