package io.jcni.e2e.reliability;

import io.jcni.e2e.PluginSet;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/** The same crowd through the reference Go plugins: the figures jcni's are compared with. */
@DisabledIfSystemProperty(named = "jcni.mode", matches = "daemon",
        disabledReason = "drives only the reference plugins: the one-shot execution runs it (the pom's daemon-mode"
                + " execution excludes Reference* too; this keeps -Dtest runs the same)")
class ReferenceCrowdTest extends CrowdTest {
    @Override
    PluginSet plugins() {
        return PluginSet.reference();
    }
}
