package io.jcni.manager.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcni.conf.CniArgs;
import io.jcni.conf.CniException;
import io.jcni.conf.CniVersion;
import io.jcni.conf.ConfList;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.Identifiers;
import io.jcni.conf.Json;
import io.jcni.conf.ValidAttachment;
import io.jcni.conf.Verb;
import io.jcni.conf.result.Result;
import io.jcni.conf.result.ResultCodec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Runs a network's plugin chain the way libcni does for a runtime: ADD in list order with each
 * result as the next plugin's {@code prevResult}, then the final result cached; CHECK and DEL with
 * the cached result as {@code prevResult} (DEL in reverse order, then the cache entry removed);
 * every plugin config with the list's {@code name} and {@code cniVersion} and, in
 * {@code runtimeConfig}, the capability arguments the plugin declares in {@code capabilities}.
 * GC and STATUS (spec 1.1.0) as libcni 1.2 runs them.
 */
public final class NetworkRunner {
    private final PluginExec plugins;
    private final ResultCache cache;

    public NetworkRunner(PluginExec plugins, ResultCache cache) {
        this.plugins = plugins;
        this.cache = cache;
    }

    public ResultCache cache() {
        return cache;
    }

    /** ADD: the chain's final result, also written to the cache. */
    public Result add(Network network, RuntimeConf rt) throws CniException {
        validate(network, rt);
        ConfList list = network.list();
        Optional<Result> result = Optional.empty();
        for (int i = 0; i < list.plugins().size(); i++) {
            byte[] out = call(network, i, Verb.ADD, "add", result, rt);
            try {
                result = Optional.of(ResultCodec.read(out, list.cniVersion()));
            } catch (CniException e) {
                throw new CniException(e.code(), describe(list, i) + " failed (add): " + e.msg(), e.details(), e);
            }
        }
        Result last = result.orElseThrow();
        cache.write(network, rt, ResultCodec.toJson(last, list.cniVersion()));
        return last;
    }

    /** CHECK: every plugin with the cached result; nothing when the list disables it. */
    public void check(Network network, RuntimeConf rt) throws CniException {
        ConfList list = network.list();
        if (!list.cniVersion().atLeast(CniVersion.V0_4_0)) {
            throw new CniException(ErrorCode.INCOMPATIBLE_VERSION, "configuration version \""
                    + list.cniVersion() + "\" does not support the CHECK command");
        }
        if (list.disableCheck()) {
            return;
        }
        Optional<Result> cached = cachedResult(network, rt);
        for (int i = 0; i < list.plugins().size(); i++) {
            call(network, i, Verb.CHECK, "check", cached, rt);
        }
    }

    /**
     * DEL: every plugin in reverse order with the cached result (spec 0.4.0 on; an unreadable
     * entry is dropped and DEL runs without it), then the cache entry goes.
     */
    public void del(Network network, RuntimeConf rt) throws CniException {
        ConfList list = network.list();
        Optional<Result> cached = Optional.empty();
        if (list.cniVersion().atLeast(CniVersion.V0_4_0)) {
            try {
                cached = cachedResult(network, rt);
            } catch (CniException unreadable) {
                // libcni 1.x: a cache entry it cannot read is dropped, and DEL goes on without it.
                cache.delete(network.name(), rt.containerId(), rt.ifName());
            }
        }
        for (int i = list.plugins().size() - 1; i >= 0; i--) {
            call(network, i, Verb.DEL, "delete", cached, rt);
        }
        cache.delete(network.name(), rt.containerId(), rt.ifName());
    }

    /**
     * DEL as {@link #del}, but past failures: every plugin gets its DEL even when one before it
     * failed, and the cache entry goes. For cleaning up after a failed ADD and for forced removal,
     * where leaving nothing matters more than stopping at the first error. Returns the failures.
     */
    public List<String> delEveryPlugin(Network network, RuntimeConf rt) throws CniException {
        ConfList list = network.list();
        Optional<Result> cached = Optional.empty();
        List<String> errors = new ArrayList<>();
        try {
            cached = list.cniVersion().atLeast(CniVersion.V0_4_0) ? cachedResult(network, rt) : Optional.empty();
        } catch (CniException e) {
            errors.add(e.getMessage());
        }
        for (int i = list.plugins().size() - 1; i >= 0; i--) {
            try {
                call(network, i, Verb.DEL, "delete", cached, rt);
            } catch (CniException e) {
                errors.add(e.getMessage());
            }
        }
        cache.delete(network.name(), rt.containerId(), rt.ifName());
        return errors;
    }

    /**
     * GC: DEL for every cached attachment of the network that is not in {@code valid}, then (spec
     * 1.1.0 on) GC on every plugin with {@code cni.dev/valid-attachments}. Returns the attachments
     * it deleted; failures are collected and thrown together at the end, as libcni joins them.
     */
    public List<CachedAttachment> gc(Network network, Collection<ValidAttachment> valid) throws CniException {
        ConfList list = network.list();
        List<CachedAttachment> deleted = new ArrayList<>();
        if (list.disableGC()) {
            return deleted;
        }
        List<String> errors = new ArrayList<>();
        for (CachedAttachment a : cache.list(network.name())) {
            if (valid.contains(new ValidAttachment(a.containerId(), a.ifName()))) {
                continue;
            }
            try {
                del(network, a.runtimeConf());
                deleted.add(a);
            } catch (CniException e) {
                errors.add("failed to delete stale attachment " + a.containerId() + " " + a.ifName() + ": " + e.getMessage());
            }
        }
        if (list.cniVersion().atLeast(CniVersion.V1_1_0)) {
            ArrayNode attachments = Json.mapper().createArrayNode();
            for (ValidAttachment v : valid) {
                attachments.addObject().put("containerID", v.containerId()).put("ifname", v.ifname());
            }
            for (int i = 0; i < list.plugins().size(); i++) {
                ObjectNode conf = list.pluginConfigJson(i, Optional.empty());
                conf.set("cni.dev/valid-attachments", attachments);
                try {
                    plugins.run(type(list, i), Verb.GC, empty(), Json.compact(conf));
                } catch (CniException e) {
                    errors.add(describe(list, i) + " failed (gc): " + e.getMessage());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new CniException(ErrorCode.IO_FAILURE, String.join("\n", errors));
        }
        return deleted;
    }

    /** STATUS (spec 1.1.0 on): the first plugin that says it is not ready fails the network. */
    public void status(Network network) throws CniException {
        ConfList list = network.list();
        if (!list.cniVersion().atLeast(CniVersion.V1_1_0)) {
            return;
        }
        for (int i = 0; i < list.plugins().size(); i++) {
            try {
                plugins.run(type(list, i), Verb.STATUS, empty(), list.pluginConfig(i, Optional.empty()));
            } catch (CniException e) {
                throw new CniException(e.code(), describe(list, i) + " failed (status): " + e.msg(), e.details(), e);
            }
        }
    }

    /** The cached result of the attachment, in the version it was written in; empty when none. */
    public Optional<Result> cachedResult(Network network, RuntimeConf rt) throws CniException {
        Optional<JsonNode> raw = cache.read(network.name(), rt.containerId(), rt.ifName()).flatMap(CachedAttachment::result);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            CniVersion v = CniVersion.parse(raw.get().path("cniVersion").asText(), "cniVersion");
            return Optional.of(ResultCodec.parse(raw.get(), v));
        } catch (CniException e) {
            throw new CniException(e.code(), "failed to get network \"" + network.name() + "\" cached result: "
                    + e.msg(), e.details(), e);
        }
    }

    private byte[] call(Network network, int i, Verb verb, String word, Optional<Result> prev, RuntimeConf rt)
            throws CniException {
        ConfList list = network.list();
        ObjectNode conf = list.pluginConfigJson(i, prev);
        injectRuntimeConfig(conf, rt);
        try {
            return plugins.run(type(list, i), verb, rt, Json.compact(conf));
        } catch (CniException e) {
            throw new CniException(e.code(), describe(list, i) + " failed (" + word + "): " + e.msg(), e.details(), e);
        }
    }

    /** libcni's injectRuntimeConfig: the capability arguments the plugin declares, else nothing. */
    private static void injectRuntimeConfig(ObjectNode conf, RuntimeConf rt) {
        ObjectNode rc = Json.object();
        JsonNode caps = conf.path("capabilities");
        ObjectNode args = rt.capabilityArgs();
        caps.properties().forEach(e -> {
            if (e.getValue().asBoolean(false) && args.has(e.getKey())) {
                rc.set(e.getKey(), args.get(e.getKey()));
            }
        });
        if (!rc.isEmpty()) {
            conf.set("runtimeConfig", rc);
        }
    }

    private static void validate(Network network, RuntimeConf rt) throws CniException {
        fail("CNI_CONTAINERID", Identifiers.checkContainerId(rt.containerId()));
        fail("network name", Identifiers.checkNetworkName(network.name()));
        fail("CNI_IFNAME", Identifiers.checkIfname(rt.ifName()));
    }

    private static void fail(String what, Optional<String> problem) throws CniException {
        if (problem.isPresent()) {
            throw new CniException(ErrorCode.INVALID_ENVIRONMENT, what + ": " + problem.get());
        }
    }

    private static RuntimeConf empty() {
        return new RuntimeConf("", "", "", CniArgs.EMPTY, Json.object());
    }

    private static String type(ConfList list, int i) {
        return list.plugins().get(i).path("type").asText();
    }

    /** libcni's pluginDescription: {@code type="bridge"}, with the entry's own name when it has one. */
    private static String describe(ConfList list, int i) {
        ObjectNode p = list.plugins().get(i);
        String name = p.path("name").asText("");
        return "plugin type=\"" + type(list, i) + "\"" + (name.isEmpty() ? "" : " name=\"" + name + "\"");
    }
}
