package io.jcni.e2e;

/**
 * The end-to-end bridge behaviour with jcni's installed plugins first on the path. Until jcni
 * registers a {@code bridge} type, the bridge is still the reference one and this runs jcni's
 * {@code host-local} under it; once it does, the same tests run jcni's bridge.
 */
class JcniBridgeE2eTest extends BridgeE2eTest {
    JcniBridgeE2eTest() {
        super(PluginSet.jcni());
    }
}
