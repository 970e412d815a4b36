package io.jcni.plugin.portmap;

import io.jcni.conf.CniException;
import io.jcni.conf.result.IpPrefix;

import java.util.Set;

/** One backend's port forwarding rules for a pod, found from (network, container ID) alone. */
interface PortForwarding {
    /** Forwards the config's mappings of {@code pod}'s family to {@code pod}. */
    void add(PortmapConfig cfg, String containerId, IpPrefix pod) throws CniException;

    /** Removes the pod's rules of both families; nothing there is fine. */
    void del(String network, String containerId) throws CniException;

    /** Fails with code 100 naming the first rule of {@code pod}'s family that is missing. */
    void check(PortmapConfig cfg, String containerId, IpPrefix pod) throws CniException;

    /** Removes the rules of this network's pods whose container ID is not in {@code liveContainerIds}. */
    void gc(String network, Set<String> liveContainerIds) throws CniException;
}
