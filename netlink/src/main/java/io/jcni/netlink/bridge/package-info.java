/**
 * Bridge ports and VLANs: {@link io.jcni.netlink.bridge.BridgePorts} (hairpin, isolated, learning,
 * flooding via IFLA_PROTINFO) and {@link io.jcni.netlink.bridge.BridgeVlans} (per-port VLANs via
 * IFLA_AF_SPEC, read back with an RTEXT_FILTER_BRVLAN dump), both over a namespace's rtnetlink socket.
 */
package io.jcni.netlink.bridge;
