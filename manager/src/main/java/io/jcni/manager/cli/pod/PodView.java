package io.jcni.manager.cli.pod;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcni.conf.Json;
import io.jcni.manager.pod.PodState;

/**
 * A pod as {@code jcni pod} prints it: one JSON object (the schema in docs/cli-net-pod.md) or one
 * table row.
 */
record PodView(PodState state, boolean running) {
    static final String[] HEADER = {"NAME", "STATUS", "PID", "NAMESPACES", "NETWORK", "ADDRESSES", "NETNS"};

    String status() {
        return running ? "running" : "exited";
    }

    String[] row() {
        return new String[] {state.name(), status(), Long.toString(state.pid()), String.join(",", state.namespaces()),
                state.network() + ":" + state.ifName(),
                state.addresses().isEmpty() ? "-" : String.join(",", state.addresses()), state.netns().toString()};
    }

    ObjectNode json() {
        ObjectNode o = Json.object();
        o.put("name", state.name());
        o.put("status", status());
        o.put("pid", state.pid());
        var ns = o.putArray("namespaces");
        state.namespaces().forEach(ns::add);
        o.put("netns", state.netns().toString());
        o.put("network", state.network());
        o.put("containerId", state.containerId());
        o.put("ifName", state.ifName());
        var addrs = o.putArray("addresses");
        state.addresses().forEach(addrs::add);
        o.put("created", state.created().toString());
        return o;
    }
}
