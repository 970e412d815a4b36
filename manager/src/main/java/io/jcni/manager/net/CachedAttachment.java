package io.jcni.manager.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcni.conf.CniArgs;
import io.jcni.conf.Json;

import java.util.Optional;

/**
 * One file of libcni's result cache ({@code cniCacheV1}): what a runtime remembers of an ADD, so
 * that CHECK and DEL can hand the plugins the same config, arguments and prevResult.
 *
 * @param config the network's bytes at ADD time (base64 in the file)
 * @param result the chain's final result as the file holds it; empty when the file has none
 */
public record CachedAttachment(String containerId, String ifName, String networkName, String netns,
                               CniArgs cniArgs, ObjectNode capabilityArgs, byte[] config,
                               Optional<JsonNode> result) {
    public CachedAttachment {
        capabilityArgs = capabilityArgs == null ? Json.object() : capabilityArgs.deepCopy();
        config = config.clone();
        result = result.map(JsonNode::deepCopy);
    }

    @Override
    public byte[] config() {
        return config.clone();
    }

    @Override
    public ObjectNode capabilityArgs() {
        return capabilityArgs.deepCopy();
    }

    /** The runtime side to repeat a call with, as libcni's GC builds it from the cache. */
    public RuntimeConf runtimeConf() {
        return new RuntimeConf(containerId, netns, ifName, cniArgs, capabilityArgs);
    }
}
