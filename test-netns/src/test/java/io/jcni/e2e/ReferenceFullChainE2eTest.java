package io.jcni.e2e;

/** The reference plugins pass the same full-chain tests: the tests hold what a runtime relies on. */
class ReferenceFullChainE2eTest extends FullChainE2eTest {
    ReferenceFullChainE2eTest() {
        super(PluginSet.reference());
    }

    @Override
    boolean checksDualStackPods() {
        return false;
    }

    /**
     * When the pod's netns has vanished, the reference bridge's DEL leaves its masquerade rules (it
     * reads the pod's addresses in the netns; see BridgeBeyondReferenceE2eTest) and the reference
     * tuning's DEL leaves its backup file (its restore, which removes the file, runs inside the netns). Veths, ifb, qdiscs,
     * reservations and filter rules still go.
     */
    @Override
    boolean cleansUpWithoutTheNetns() {
        return false;
    }
}
