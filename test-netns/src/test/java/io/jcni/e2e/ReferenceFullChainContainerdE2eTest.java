package io.jcni.e2e;

/** containerd with the reference Go plugins' full chain. */
class ReferenceFullChainContainerdE2eTest extends FullChainContainerdE2eTest {
    ReferenceFullChainContainerdE2eTest() {
        super(PluginSet.reference());
    }

    /** ctr's DEL after --rm has no netns path: see ReferenceFullChainE2eTest#cleansUpWithoutTheNetns. */
    @Override
    boolean cleansUpWithoutTheNetns() {
        return false;
    }
}
