package io.jcni.e2e.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcni.e2e.Lab;
import io.jcni.e2e.NetnsPod;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon itself killed by SIGKILL at random moments while pods come and go (and a tenth of
 * the shims killed too), restarted each time: calls in flight fail with code 11 or fall back to
 * the JVM, and the runtime's recovery leaves nothing behind. It brings its own daemon (on its own
 * socket), so it runs once, in the one-shot execution.
 */
@DisabledIfSystemProperty(named = "jcni.mode", matches = "daemon",
        disabledReason = "runs and kills a daemon of its own on its own socket: the one-shot execution runs it")
class DaemonCrashTest {
    @AutoClose
    final Lab lab = new Lab();
    @TempDir
    Path dir;

    @Test
    void daemonKilledMidCallsThenRestartedLeavesNothingAfterRecovery() throws Exception {
        int cycles = Scale.count("daemon-cycles", 6, 300);
        try (PrivateDaemon daemon = PrivateDaemon.install()) {
            daemon.start();
            CrashCampaign campaign = new CrashCampaign(lab, daemon.plugins(), dir, 0.1);
            List<NetnsPod> pods = campaign.pods(cycles);
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger kills = new AtomicInteger();
            Thread chaos = Thread.ofPlatform().start(() -> {
                Random random = new Random(campaign.faults.hashCode());
                while (running.get()) {
                    sleep(200 + random.nextInt(1500));
                    if (!running.get()) {
                        break;
                    }
                    daemon.kill();
                    kills.incrementAndGet();
                    sleep(random.nextInt(400)); // calls meanwhile fall back to the JVM
                    daemon.start();
                }
            });
            try {
                campaign.cycles(pods, 4);
            } finally {
                running.set(false);
                chaos.join();
            }
            assertTrue(kills.get() > 0, "the daemon was never killed");
            campaign.recover();
            campaign.assertOnlyTheLiveRemain();
            campaign.delTheLiveAndAssertNothingLeft();
            Figures.record("daemon crash", kills.get() + " daemon SIGKILLs and restarts; " + campaign.summary(cycles));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
