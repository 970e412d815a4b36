package io.jcni.plugin;

import io.jcni.conf.CniPlugin;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The plugin types this installation knows, by {@code type}. Plugins register through
 * {@code META-INF/services/io.jcni.conf.CniPlugin}; only the plugin asked for is instantiated.
 */
public final class Plugins {
    private final Map<String, Supplier<? extends CniPlugin>> byType;

    private Plugins(Map<String, Supplier<? extends CniPlugin>> byType) {
        this.byType = byType;
    }

    /** Every plugin registered on the class path. */
    public static Plugins load() {
        Map<String, Supplier<? extends CniPlugin>> byType = new TreeMap<>();
        for (ServiceLoader.Provider<CniPlugin> p : ServiceLoader.load(CniPlugin.class).stream().toList()) {
            // Constructors are cheap by contract, so asking each for its type is fine.
            byType.putIfAbsent(p.get().type(), p);
        }
        return new Plugins(byType);
    }

    /** Exactly the given plugins, for callers (and tests) that bring their own. */
    public static Plugins of(CniPlugin... plugins) {
        Map<String, Supplier<? extends CniPlugin>> byType = new TreeMap<>();
        for (CniPlugin p : plugins) {
            byType.putIfAbsent(p.type(), () -> p);
        }
        return new Plugins(byType);
    }

    public Optional<CniPlugin> find(String type) {
        return Optional.ofNullable(byType.get(type)).map(Supplier::get);
    }

    /** The registered types, sorted: what install.sh writes an executable for. */
    public List<String> types() {
        return List.copyOf(byType.keySet());
    }
}
