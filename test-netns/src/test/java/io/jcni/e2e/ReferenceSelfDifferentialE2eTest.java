package io.jcni.e2e;

/**
 * The differential test with the reference as its own candidate: proves that two runs of the same
 * plugins compare equal once MACs and veth names are masked, so a difference found for jcni is real.
 */
class ReferenceSelfDifferentialE2eTest extends DifferentialBridgeE2eTest {
    ReferenceSelfDifferentialE2eTest() {
        super(PluginSet.reference());
    }
}
