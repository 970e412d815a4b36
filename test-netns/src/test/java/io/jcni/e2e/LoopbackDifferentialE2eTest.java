package io.jcni.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * jcni's {@code loopback} against the reference through cnitool: the same result (the reference
 * writes no IP {@code version} before 1.0.0, which libcni then prints as {@code ""}; jcni writes
 * the spec's {@code "4"}/{@code "6"}), lo up in the pod, CHECK, and each deletes what the other
 * added, also after the pod's namespace vanished.
 */
class LoopbackDifferentialE2eTest {
    private static final String NETWORK = "jt-lo";

    @AutoClose
    final Lab lab = new Lab();

    @TempDir
    Path work;

    private static ObjectNode conflist(String version) {
        ObjectNode c = Json.object().put("cniVersion", version).put("name", NETWORK);
        c.putArray("plugins").addObject().put("type", "loopback");
        return c;
    }

    private static Attachment attachment(Pod pod) {
        return new Attachment(pod.name(), "lo", pod.netnsPath());
    }

    private static boolean loUp(Pod pod) {
        JsonNode flags = Inspect.link(pod, "lo").path("flags");
        for (JsonNode f : flags) {
            if (f.asText().equals("UP")) {
                return true;
            }
        }
        return false;
    }

    /** The result with the pod's path replaced and the IP versions left out (see the class comment). */
    private static String normalized(AddResult r, Pod pod) {
        ObjectNode copy = r.json().deepCopy();
        copy.withArray("ips").forEach(ip -> ((ObjectNode) ip).remove("version"));
        return Json.write(copy).replace(pod.netnsPath().toString(), "<netns>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.3.1", "0.4.0", "1.0.0"})
    void sameResultAndLoUp(String version) {
        SandboxHost host = lab.host();
        PausePod ours = lab.pausePod();
        PausePod theirs = lab.pausePod();
        assertFalse(loUp(ours));
        CniTool jcni = new CniTool(PluginSet.jcni(), host, work.resolve("jcni"));
        CniTool reference = new CniTool(PluginSet.reference(), host, work.resolve("reference"));
        jcni.install(conflist(version));
        reference.install(conflist(version));

        AddResult mine = jcni.add(NETWORK, attachment(ours));
        AddResult theirsResult = reference.add(NETWORK, attachment(theirs));

        assertEquals(normalized(theirsResult, theirs), normalized(mine, ours));
        if (!version.equals("1.0.0")) {
            assertEquals("4", mine.ips().get(0).path("version").asText(), mine.json().toString());
        } else {
            assertEquals(Json.write(theirsResult.json()).replace(theirs.netnsPath().toString(), "<netns>"),
                    Json.write(mine.json()).replace(ours.netnsPath().toString(), "<netns>"));
        }
        assertTrue(loUp(ours));
        assertEquals(Inspect.addresses(theirs, "lo"), Inspect.addresses(ours, "lo"));
        if (!version.equals("0.3.1")) {
            jcni.check(NETWORK, attachment(ours));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void eachDeletesWhatTheOtherAdded(boolean jcniAdds) {
        SandboxHost host = lab.host();
        PausePod pod = lab.pausePod();
        CniTool adder = new CniTool(jcniAdds ? PluginSet.jcni() : PluginSet.reference(), host, work.resolve("shared"));
        CniTool deleter = new CniTool(jcniAdds ? PluginSet.reference() : PluginSet.jcni(), host, work.resolve("shared"));
        adder.install(conflist("1.0.0"));
        adder.add(NETWORK, attachment(pod));
        assertTrue(loUp(pod));
        deleter.del(NETWORK, attachment(pod));
        assertFalse(loUp(pod));
    }

    @Test
    void delAfterThePodsNamespaceVanished() {
        SandboxHost host = lab.host();
        PausePod pod = lab.pausePod();
        CniTool jcni = new CniTool(PluginSet.jcni(), host, work.resolve("jcni"));
        jcni.install(conflist("1.0.0"));
        jcni.add(NETWORK, attachment(pod));
        pod.close();
        jcni.del(NETWORK, attachment(pod));
        jcni.del(NETWORK, new Attachment(pod.name(), "lo", null));
    }
}
