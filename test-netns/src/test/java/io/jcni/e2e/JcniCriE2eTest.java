package io.jcni.e2e;

/** The CRI suite with a bin dir that holds only jcni's plugins (loopback, bridge, host-local, portmap, bandwidth). */
class JcniCriE2eTest extends CriE2eTest {
    JcniCriE2eTest() {
        super(PluginSet.jcni());
    }
}
