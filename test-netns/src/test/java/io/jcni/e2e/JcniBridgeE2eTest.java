package io.jcni.e2e;

/**
 * The end-to-end bridge behaviour with jcni's installed plugins (bridge, host-local) first on the
 * path; types jcni does not have (portmap) come from the reference.
 */
class JcniBridgeE2eTest extends BridgeE2eTest {
    JcniBridgeE2eTest() {
        super(PluginSet.jcni());
    }
}
