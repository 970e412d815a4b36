package io.jcni.e2e.reliability;

import io.jcni.e2e.Lab;
import io.jcni.e2e.NetnsPod;
import io.jcni.e2e.PluginSet;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * The crash campaign against the reference plugins, for comparison: spec 1.0.0 (they have no GC),
 * so the recovery is DEL again for every pod whose DEL died. What is left then is measured, not
 * asserted (docs/reliability.md); what must hold is that their DEL again succeeds.
 */
@DisabledIfSystemProperty(named = "jcni.mode", matches = "daemon",
        disabledReason = "drives only the reference plugins: the one-shot execution runs it (the pom's daemon-mode"
                + " execution excludes Reference* too; this keeps -Dtest runs the same)")
class ReferenceCrashTest {
    @AutoClose
    final Lab lab = new Lab();
    @TempDir
    Path dir;

    @Test
    void killedCallsThenDelAgainLeaveWhatTheReferenceLeaves() throws Exception {
        int cycles = Scale.count("cycles", 8, 1000);
        CrashCampaign campaign = new CrashCampaign(lab, PluginSet.reference(), dir, 0.33, false);
        List<NetnsPod> pods = campaign.pods(cycles);
        campaign.cycles(pods, 4);
        campaign.recover();
        String leaks = campaign.leaks();
        Figures.record("crash reference", campaign.summary(cycles).replace("leaks: none", "left: " + leaks));
    }
}
