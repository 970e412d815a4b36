package io.jcni.netlink.bridge;

/**
 * A bridge port as the kernel reports it: the port's link index, its bridge's index and its flags
 * (see {@link BridgePortFlags} for what each flag does).
 */
public record BridgePort(int index, int bridgeIndex, boolean hairpin, boolean isolated, boolean learning,
                         boolean unicastFlood, boolean multicastFlood, boolean broadcastFlood) {
}
