package io.jcni.e2e;

/** jcni's installed bridge + firewall against the reference Go plugins. */
class JcniFirewallDifferentialE2eTest extends DifferentialFirewallE2eTest {
    JcniFirewallDifferentialE2eTest() {
        super(PluginSet.jcni());
    }
}
