package io.jcni.e2e;

/** containerd with jcni's full chain. */
class JcniFullChainContainerdE2eTest extends FullChainContainerdE2eTest {
    JcniFullChainContainerdE2eTest() {
        super(PluginSet.jcni());
    }
}
