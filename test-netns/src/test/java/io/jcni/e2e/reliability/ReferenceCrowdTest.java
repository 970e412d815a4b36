package io.jcni.e2e.reliability;

import io.jcni.e2e.PluginSet;

/** The same crowd through the reference Go plugins: the figures jcni's are compared with. */
class ReferenceCrowdTest extends CrowdTest {
    @Override
    PluginSet plugins() {
        return PluginSet.reference();
    }
}
