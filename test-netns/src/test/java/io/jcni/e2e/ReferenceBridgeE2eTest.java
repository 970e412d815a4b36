package io.jcni.e2e;

/** The end-to-end bridge behaviour, held by the reference Go plugins (the oracle). */
class ReferenceBridgeE2eTest extends BridgeE2eTest {
    ReferenceBridgeE2eTest() {
        super(PluginSet.reference());
    }
}
