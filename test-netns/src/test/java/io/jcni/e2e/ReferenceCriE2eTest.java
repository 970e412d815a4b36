package io.jcni.e2e;

/** The CRI suite on the reference Go plugins: the oracle for {@link JcniCriE2eTest}. */
class ReferenceCriE2eTest extends CriE2eTest {
    ReferenceCriE2eTest() {
        super(PluginSet.reference());
    }

    @Override
    boolean racesCreatingItsSharedChains() {
        return true;
    }
}
