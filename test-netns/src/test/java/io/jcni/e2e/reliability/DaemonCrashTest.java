package io.jcni.e2e.reliability;

import io.jcni.e2e.Lab;
import io.jcni.e2e.NetnsPod;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon itself killed by SIGKILL at a random moment of every round of 5 pods coming and going
 * (and a tenth of the shims killed too), restarted after each round: calls in flight fail with code 11 or fall back to
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
        int cycles = Scale.count("daemon-cycles", 10, 300);
        try (PrivateDaemon daemon = PrivateDaemon.install()) {
            daemon.start();
            CrashCampaign campaign = new CrashCampaign(lab, daemon.plugins(), dir, 0.1);
            // Rounds of 5 cycles; in each, the daemon dies at a random moment and is restarted
            // after the round (its calls meanwhile fall back to the JVM or fail with code 11).
            int rounds = Math.max(2, cycles / 5);
            List<NetnsPod> pods = campaign.pods(rounds * 5);
            Random random = new Random(campaign.faults.hashCode());
            AtomicInteger kills = new AtomicInteger();
            for (int r = 0; r < rounds; r++) {
                List<NetnsPod> batch = pods.subList(r * 5, r * 5 + 5);
                int first = r * 5 + 1;
                CompletableFuture<Void> round = CompletableFuture.runAsync(() -> {
                    try {
                        campaign.cycles(batch, 4, first);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                sleep(random.nextInt(1500));
                daemon.kill();
                kills.incrementAndGet();
                round.get(10, TimeUnit.MINUTES);
                daemon.start();
            }
            campaign.recover();
            campaign.assertOnlyTheLiveRemain();
            campaign.delTheLiveAndAssertNothingLeft();
            Figures.record("daemon crash", kills.get() + " daemon SIGKILLs and restarts; " + campaign.summary(rounds * 5));
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
