package io.jcni.e2e;

/** jcni's installed plugins against the reference Go plugins (see {@link JcniBridgeE2eTest}). */
class JcniDifferentialE2eTest extends DifferentialBridgeE2eTest {
    JcniDifferentialE2eTest() {
        super(PluginSet.jcni());
    }
}
