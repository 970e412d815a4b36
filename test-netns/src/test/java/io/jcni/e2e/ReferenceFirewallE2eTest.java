package io.jcni.e2e;

/** The firewall behaviour end to end, held by the reference Go plugins (the oracle). */
class ReferenceFirewallE2eTest extends FirewallE2eTest {
    ReferenceFirewallE2eTest() {
        super(PluginSet.reference());
    }
}
