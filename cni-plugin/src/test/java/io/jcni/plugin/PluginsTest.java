package io.jcni.plugin;

import io.jcni.conf.CniPlugin;
import io.jcni.conf.Request;
import io.jcni.conf.result.Result;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

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

    @Test
    void concurrentFirstLookupsReadTheRegistryOnce() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        CniPlugin counted = new CniPlugin() {
            @Override
            public String type() {
                reads.incrementAndGet(); // asked once per registry read
                return "counted";
            }

            @Override
            public Result add(Request request) {
                return Result.EMPTY;
            }

            @Override
            public void del(Request request) {
            }

            @Override
            public void check(Request request) {
            }
        };
        Plugins plugins = Plugins.of(counted);
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<Boolean>> found = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                found.add(pool.submit(() -> {
                    start.await();
                    return plugins.find("counted").isPresent();
                }));
            }
            start.countDown();
            for (Future<Boolean> f : found) {
                assertTrue(f.get());
            }
        }
        assertEquals(1, reads.get());
    }
}
