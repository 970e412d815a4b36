package io.jcni.e2e;

/** jcni's bridge and portmap (iptables backend) through cnitool. */
class JcniPortmapE2eTest extends PortmapE2eTest {
    JcniPortmapE2eTest() {
        super(PluginSet.jcni());
    }
}
