package io.jcni.netlink.bridge;

import java.util.Objects;
import java.util.Optional;

/**
 * Port flags to change; an empty field leaves that flag as it is. Start from {@link #unchanged()}:
 * {@code BridgePortFlags.unchanged().withHairpin(true).withIsolated(true)}.
 *
 * @param hairpin       send frames back out of the port they came in on (needed for a pod to reach
 *                      itself through a service address)
 * @param isolated      isolated ports cannot talk to each other, only to non-isolated ones
 * @param learning      learn source MAC addresses seen on the port
 * @param unicastFlood  flood unknown unicast to the port
 * @param multicastFlood flood unknown multicast to the port
 * @param broadcastFlood flood broadcast to the port
 */
public record BridgePortFlags(Optional<Boolean> hairpin, Optional<Boolean> isolated, Optional<Boolean> learning,
                              Optional<Boolean> unicastFlood, Optional<Boolean> multicastFlood,
                              Optional<Boolean> broadcastFlood) {
    public BridgePortFlags {
        Objects.requireNonNull(hairpin, "hairpin");
        Objects.requireNonNull(isolated, "isolated");
        Objects.requireNonNull(learning, "learning");
        Objects.requireNonNull(unicastFlood, "unicastFlood");
        Objects.requireNonNull(multicastFlood, "multicastFlood");
        Objects.requireNonNull(broadcastFlood, "broadcastFlood");
    }

    public static BridgePortFlags unchanged() {
        Optional<Boolean> e = Optional.empty();
        return new BridgePortFlags(e, e, e, e, e, e);
    }

    public BridgePortFlags withHairpin(boolean on) {
        return new BridgePortFlags(Optional.of(on), isolated, learning, unicastFlood, multicastFlood, broadcastFlood);
    }

    public BridgePortFlags withIsolated(boolean on) {
        return new BridgePortFlags(hairpin, Optional.of(on), learning, unicastFlood, multicastFlood, broadcastFlood);
    }

    public BridgePortFlags withLearning(boolean on) {
        return new BridgePortFlags(hairpin, isolated, Optional.of(on), unicastFlood, multicastFlood, broadcastFlood);
    }

    public BridgePortFlags withUnicastFlood(boolean on) {
        return new BridgePortFlags(hairpin, isolated, learning, Optional.of(on), multicastFlood, broadcastFlood);
    }

    public BridgePortFlags withMulticastFlood(boolean on) {
        return new BridgePortFlags(hairpin, isolated, learning, unicastFlood, Optional.of(on), broadcastFlood);
    }

    public BridgePortFlags withBroadcastFlood(boolean on) {
        return new BridgePortFlags(hairpin, isolated, learning, unicastFlood, multicastFlood, Optional.of(on));
    }

    /** All three flood flags at once, as {@code bridge link set ... flood} users usually mean. */
    public BridgePortFlags withFlood(boolean on) {
        return withUnicastFlood(on).withMulticastFlood(on).withBroadcastFlood(on);
    }

    public boolean isEmpty() {
        return hairpin.isEmpty() && isolated.isEmpty() && learning.isEmpty() && unicastFlood.isEmpty()
                && multicastFlood.isEmpty() && broadcastFlood.isEmpty();
    }

    /** E.g. {@code hairpin on isolated on}, as {@code bridge link set} spells it. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        hairpin.ifPresent(v -> s.append(" hairpin ").append(v ? "on" : "off"));
        isolated.ifPresent(v -> s.append(" isolated ").append(v ? "on" : "off"));
        learning.ifPresent(v -> s.append(" learning ").append(v ? "on" : "off"));
        unicastFlood.ifPresent(v -> s.append(" flood ").append(v ? "on" : "off"));
        multicastFlood.ifPresent(v -> s.append(" mcast_flood ").append(v ? "on" : "off"));
        broadcastFlood.ifPresent(v -> s.append(" bcast_flood ").append(v ? "on" : "off"));
        return s.toString().trim();
    }
}
