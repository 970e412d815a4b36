package io.jcni.conf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.jcni.conf.CniAssertions.assertCniError;
import static io.jcni.conf.Golden.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CniEnvironmentTest {
    private static final byte[] STDIN = utf8("{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"type\":\"bridge\"}");

    static Map<String, String> env(String command) {
        Map<String, String> env = new HashMap<>();
        env.put("CNI_COMMAND", command);
        env.put("CNI_CONTAINERID", "abc123");
        env.put("CNI_NETNS", "/var/run/netns/jt-pod");
        env.put("CNI_IFNAME", "eth0");
        env.put("CNI_ARGS", "IgnoreUnknown=1;K8S_POD_NAME=web");
        env.put("CNI_PATH", "/opt/cni/bin::/usr/lib/cni:");
        return env;
    }

    @Test
    void buildsTheRequestFromEveryVariable() throws CniException {
        Request r = CniEnvironment.parse(env("ADD"), STDIN);
        assertEquals(Verb.ADD, r.verb());
        assertEquals("abc123", r.containerId());
        assertEquals(Optional.of("/var/run/netns/jt-pod"), r.netns());
        assertEquals("eth0", r.ifname());
        assertEquals(Optional.of("web"), r.args().get("K8S_POD_NAME"));
        assertTrue(r.args().ignoreUnknown());
        assertEquals(List.of(Path.of("/opt/cni/bin"), Path.of("/usr/lib/cni")), r.path());
        assertArrayEquals(STDIN, r.config());
        assertEquals(env("ADD"), r.environment());
    }

    @ParameterizedTest
    @EnumSource(Verb.class)
    void acceptsEveryVerb(Verb verb) throws CniException {
        assertEquals(verb, CniEnvironment.parse(env(verb.name()), STDIN).verb());
    }

    @Test
    void commandIsRequiredAndKnown() {
        Map<String, String> e = env("ADD");
        e.remove("CNI_COMMAND");
        assertCniError(4, "CNI_COMMAND is required", () -> CniEnvironment.parse(e, STDIN));
        assertCniError(4, "CNI_COMMAND: unknown command \"FOO\"", () -> CniEnvironment.parse(env("FOO"), STDIN));
        assertCniError(4, "CNI_COMMAND: unknown command \"add\"", () -> CniEnvironment.parse(env("add"), STDIN));
        assertCniError(4, "CNI_COMMAND is required", () -> CniEnvironment.parse(env(""), STDIN));
    }

    @Test
    void versionNeedsNothingButTheCommand() throws CniException {
        Request r = CniEnvironment.parse(Map.of("CNI_COMMAND", "VERSION", "CNI_ARGS", "bad"), new byte[0]);
        assertEquals(Verb.VERSION, r.verb());
        assertEquals("", r.containerId());
        assertEquals("", r.ifname());
        assertTrue(r.netns().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"STATUS", "GC"})
    void statusAndGcNeedNoAttachment(String command) throws CniException {
        Request r = CniEnvironment.parse(Map.of("CNI_COMMAND", command, "CNI_PATH", "/opt/cni/bin"), STDIN);
        assertEquals("", r.containerId());
        assertEquals("", r.ifname());
        assertTrue(r.netns().isEmpty());
        assertEquals(List.of(Path.of("/opt/cni/bin")), r.path());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADD", "DEL", "CHECK"})
    void containerIdAndIfnameAreRequiredForAttachments(String command) {
        for (String var : List.of("CNI_CONTAINERID", "CNI_IFNAME")) {
            Map<String, String> missing = env(command);
            missing.remove(var);
            assertCniError(4, var + " is required for " + command, () -> CniEnvironment.parse(missing, STDIN));
            Map<String, String> empty = env(command);
            empty.put(var, "");
            assertCniError(4, var + " is required for " + command, () -> CniEnvironment.parse(empty, STDIN));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADD", "CHECK"})
    void netnsIsRequiredForAddAndCheck(String command) {
        Map<String, String> e = env(command);
        e.remove("CNI_NETNS");
        assertCniError(4, "CNI_NETNS is required for " + command, () -> CniEnvironment.parse(e, STDIN));
        e.put("CNI_NETNS", "");
        assertCniError(4, "CNI_NETNS is required for " + command, () -> CniEnvironment.parse(e, STDIN));
    }

    @Test
    void aRequestBuiltInProcessWithoutNetnsIsRefusedByTheVerbThatNeedsIt() throws CniException {
        Request built = Request.builder(Verb.CHECK).containerId("c").ifname("eth0").build();
        assertCniError(4, "CNI_NETNS is required for CHECK", built::requireNetns);
        assertEquals("/run/netns/p", built.toBuilder().netns("/run/netns/p").build().requireNetns());
    }

    @Test
    void netnsIsOptionalForDel() throws CniException {
        Map<String, String> e = env("DEL");
        e.put("CNI_NETNS", "");
        assertTrue(CniEnvironment.parse(e, STDIN).netns().isEmpty());
        e.remove("CNI_NETNS");
        assertTrue(CniEnvironment.parse(e, STDIN).netns().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "0", "abc-DEF_1.2", "f3b8c3a1d2e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0"})
    void acceptsValidContainerIds(String id) throws CniException {
        Map<String, String> e = env("ADD");
        e.put("CNI_CONTAINERID", id);
        assertEquals(id, CniEnvironment.parse(e, STDIN).containerId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-abc", ".abc", "_abc", "a b", "a/b", "a:b", "a;b", "ü", "abc\n"})
    void rejectsInvalidContainerIds(String id) {
        Map<String, String> e = env("DEL");
        e.put("CNI_CONTAINERID", id);
        assertCniError(4, "CNI_CONTAINERID: ", () -> CniEnvironment.parse(e, STDIN));
    }

    @ParameterizedTest
    @ValueSource(strings = {"eth0", "a", "net-1.2_x", "123456789012345", "veth@x"})
    void acceptsValidIfnames(String ifname) throws CniException {
        Map<String, String> e = env("ADD");
        e.put("CNI_IFNAME", ifname);
        assertEquals(ifname, CniEnvironment.parse(e, STDIN).ifname());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234567890123456", "ethé90123456789", ".", "..", "a/b", "eth:0", "eth 0", "eth\t0",
        "eth\n", "eth\u00a00", "eth\u00850", "eth\u20030"})
    void rejectsInvalidIfnames(String ifname) {
        Map<String, String> e = env("CHECK");
        e.put("CNI_IFNAME", ifname);
        assertCniError(4, "CNI_IFNAME: ", () -> CniEnvironment.parse(e, STDIN));
    }

    @Test
    void ifnameLimitIsInBytes() {
        Map<String, String> e = env("ADD");
        e.put("CNI_IFNAME", "ééééééé12"); // 9 characters, 16 bytes
        assertCniError(4, "longer than 15 bytes", () -> CniEnvironment.parse(e, STDIN));
    }

    @Test
    void badArgsAreCode4NamingCniArgs() {
        Map<String, String> e = env("ADD");
        e.put("CNI_ARGS", "IgnoreUnknown=1;nokey");
        assertCniError(4, "CNI_ARGS", () -> CniEnvironment.parse(e, STDIN));
        e.put("CNI_ARGS", "=v");
        assertCniError(4, "CNI_ARGS", () -> CniEnvironment.parse(e, STDIN));
    }

    @Test
    void missingPathIsAnEmptyList() throws CniException {
        Map<String, String> e = env("ADD");
        e.remove("CNI_PATH");
        assertEquals(List.of(), CniEnvironment.parse(e, STDIN).path());
    }
}
