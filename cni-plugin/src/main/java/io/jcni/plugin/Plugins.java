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
 * {@code META-INF/services/io.jcni.conf.CniPlugin}. The registry is read on first use, so an
 * invocation that needs no plugin (VERSION, a rejected input) loads none of their classes.
 */
public final class Plugins {
    private final Supplier<Map<String, Supplier<? extends CniPlugin>>> source;
    /** Read once; the daemon's call threads share one instance. */
    private volatile Map<String, Supplier<? extends CniPlugin>> byType;

    private Plugins(Supplier<Map<String, Supplier<? extends CniPlugin>>> source) {
        this.source = source;
    }

    /** Every plugin registered on the class path. */
    public static Plugins load() {
        return new Plugins(() -> {
            Map<String, Supplier<? extends CniPlugin>> byType = new TreeMap<>();
            for (ServiceLoader.Provider<CniPlugin> p : ServiceLoader.load(CniPlugin.class).stream().toList()) {
                // Constructors are cheap by contract, so asking each for its type is fine.
                byType.putIfAbsent(p.get().type(), p);
            }
            return byType;
        });
    }

    /** Exactly the given plugins, for callers (and tests) that bring their own. */
    public static Plugins of(CniPlugin... plugins) {
        return new Plugins(() -> {
            Map<String, Supplier<? extends CniPlugin>> byType = new TreeMap<>();
            for (CniPlugin p : plugins) {
                byType.putIfAbsent(p.type(), () -> p);
            }
            return byType;
        });
    }

    /** The plugin registered for {@code type} (a new instance each call for class-path plugins). */
    public Optional<CniPlugin> find(String type) {
        return Optional.ofNullable(registry().get(type)).map(Supplier::get);
    }

    /** The registered types, sorted: what install.sh writes an executable for. */
    public List<String> types() {
        return List.copyOf(registry().keySet());
    }

    private Map<String, Supplier<? extends CniPlugin>> registry() {
        Map<String, Supplier<? extends CniPlugin>> read = byType;
        if (read == null) {
            synchronized (this) {
                read = byType;
                if (read == null) {
                    read = source.get();
                    byType = read;
                }
            }
        }
        return read;
    }
}
