package io.jcni.manager.cleanup;

import io.jcni.conf.CniPlugin;
import io.jcni.plugin.Plugins;
import io.jcni.plugin.bandwidth.BandwidthPlugin;
import io.jcni.plugin.bridge.BridgePlugin;
import io.jcni.plugin.firewall.FirewallPlugin;
import io.jcni.plugin.portmap.PortmapPlugin;

import java.nio.file.Path;
import java.util.Optional;

/**
 * jcni's plugins run in this process, serving the host namespace gc inspects: the caller's, or
 * {@code --netns PATH} through the plugins' host-namespace constructors.
 */
final class PluginFactory {
    private final Optional<Path> hostNetns;
    private final Plugins registered = Plugins.load();

    PluginFactory(Optional<Path> hostNetns) {
        this.hostNetns = hostNetns;
    }

    Optional<CniPlugin> forType(String type) {
        if (hostNetns.isEmpty()) {
            return registered.find(type);
        }
        Path ns = hostNetns.get();
        return switch (type) {
            case "bridge" -> Optional.of(new BridgePlugin(ns));
            case "portmap" -> Optional.of(new PortmapPlugin(ns));
            case "firewall" -> Optional.of(new FirewallPlugin(ns));
            case "bandwidth" -> Optional.of(new BandwidthPlugin(ns));
            default -> registered.find(type); // tuning, loopback: nothing on the host side
        };
    }
}
