package io.jcni.e2e;

/** What jcni's bridge must do beyond the reference (see {@link BridgeBeyondReferenceE2eTest}). */
class JcniBeyondReferenceE2eTest extends BridgeBeyondReferenceE2eTest {
    JcniBeyondReferenceE2eTest() {
        super(PluginSet.jcni());
    }
}
