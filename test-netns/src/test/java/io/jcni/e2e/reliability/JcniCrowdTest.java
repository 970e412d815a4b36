package io.jcni.e2e.reliability;

import io.jcni.e2e.PluginSet;

/** The crowd through jcni's installed executables (one-shot or through the daemon: the run's mode). */
class JcniCrowdTest extends CrowdTest {
    @Override
    PluginSet plugins() {
        return PluginSet.jcni();
    }
}
