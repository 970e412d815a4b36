package io.jcni.e2e.reliability;

import io.jcni.e2e.Lab;
import io.jcni.e2e.NetnsPod;
import io.jcni.e2e.PluginSet;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugin calls killed by SIGKILL at random moments (one-shot: the JVM; through the daemon: the
 * shim, while the daemon finishes the call), then the runtime's recovery: nothing leaked, no
 * address with two holders. Cycles: 8 (short), 1000 (long); a third of the calls killed.
 */
class CrashInjectionTest {
    @AutoClose
    final Lab lab = new Lab();
    @TempDir
    Path dir;

    @Test
    void killedCallsThenDelAgainAndGcLeaveOnlyTheLivePods() throws Exception {
        int cycles = Scale.count("cycles", 8, 1000);
        CrashCampaign campaign = new CrashCampaign(lab, PluginSet.jcni(), dir, 0.33);
        List<NetnsPod> pods = campaign.pods(cycles);
        campaign.cycles(pods, 4);
        campaign.recover();
        campaign.assertOnlyTheLiveRemain();
        campaign.delTheLiveAndAssertNothingLeft();
        Figures.record("crash " + PluginSet.jcni(), campaign.summary(cycles));
    }
}
