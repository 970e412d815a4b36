package io.jcni.e2e;

/** containerd with the reference Go bridge as the network. */
class ReferenceContainerdE2eTest extends ContainerdE2eTest {
    ReferenceContainerdE2eTest() {
        super(PluginSet.reference());
    }
}
