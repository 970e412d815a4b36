package io.jcni.e2e;

/** containerd with jcni's installed plugins first in /opt/cni/bin (see {@link JcniBridgeE2eTest}). */
class JcniContainerdE2eTest extends ContainerdE2eTest {
    JcniContainerdE2eTest() {
        super(PluginSet.jcni());
    }
}
