package io.jcni.e2e;

/** The reference plugins pass the same portmap tests: the tests hold what a runtime relies on. */
class ReferencePortmapE2eTest extends PortmapE2eTest {
    ReferencePortmapE2eTest() {
        super(PluginSet.reference());
    }

    @Override
    boolean checksDualStackPods() {
        return false;
    }
}
