package io.jcni.manager.net;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcni.conf.CniArgs;
import io.jcni.conf.Json;

/**
 * One attachment's side of a call, as libcni's {@code RuntimeConf}: container ID, network namespace
 * path (empty when there is none, as on a DEL after the pod went), interface name, {@code CNI_ARGS}
 * pairs and the runtime's capability arguments (filtered per plugin into {@code runtimeConfig}).
 */
public record RuntimeConf(String containerId, String netns, String ifName, CniArgs args, ObjectNode capabilityArgs) {
    public RuntimeConf {
        capabilityArgs = capabilityArgs == null ? Json.object() : capabilityArgs.deepCopy();
    }

    @Override
    public ObjectNode capabilityArgs() {
        return capabilityArgs.deepCopy();
    }

    public RuntimeConf withNetns(String path) {
        return new RuntimeConf(containerId, path, ifName, args, capabilityArgs);
    }
}
