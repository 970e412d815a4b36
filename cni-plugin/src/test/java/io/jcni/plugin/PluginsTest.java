package io.jcni.plugin;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PluginsTest {
    @Test
    void loadFindsPluginsRegisteredAsServicesByType() {
        // The test class path registers RecordingPlugin in META-INF/services.
        Plugins plugins = Plugins.load();
        assertTrue(plugins.types().contains(RecordingPlugin.TYPE), plugins.types().toString());
        assertInstanceOf(RecordingPlugin.class, plugins.find(RecordingPlugin.TYPE).orElseThrow());
        assertTrue(plugins.find("no-such-type").isEmpty());
    }

    @Test
    void typesAreSorted() {
        Plugins plugins = Plugins.load();
        assertEquals(plugins.types().stream().sorted().toList(), plugins.types());
    }
}
