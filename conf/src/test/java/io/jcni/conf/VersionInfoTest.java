package io.jcni.conf;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;

import static io.jcni.conf.CniAssertions.assertCniError;
import static io.jcni.conf.Golden.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VersionInfoTest {
    @Test
    void writesTheVersionAnswerLikeTheReferencePlugins() {
        VersionInfo all = VersionInfo.of(EnumSet.allOf(CniVersion.class));
        assertEquals(Golden.text("version-jcni.json"), new String(all.toBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void listsVersionsOldestFirstWithoutDuplicates() {
        VersionInfo some = VersionInfo.of(List.of(CniVersion.V1_0_0, CniVersion.V0_3_1, CniVersion.V1_0_0));
        assertEquals("1.1.0", some.cniVersion());
        assertEquals(List.of("0.3.1", "1.0.0"), some.supportedVersions());
    }

    @Test
    void readsAReferencePluginsAnswer() throws CniException {
        VersionInfo ref = VersionInfo.parse(Golden.bytes("version-reference-bridge.json"));
        assertEquals("1.0.0", ref.cniVersion());
        assertTrue(ref.supports(CniVersion.V0_1_0));
        assertTrue(ref.supports(CniVersion.V1_0_0));
        assertFalse(ref.supports(CniVersion.V1_1_0));
    }

    @Test
    void badAnswersAreCode6() {
        assertCniError(6, "version info: empty input", () -> VersionInfo.parse(new byte[0]));
        assertCniError(6, "cniVersion: missing", () -> VersionInfo.parse(utf8("{\"supportedVersions\":[]}")));
        assertCniError(6, "supportedVersions[0]: expected a string", () ->
                VersionInfo.parse(utf8("{\"cniVersion\":\"1.0.0\",\"supportedVersions\":[1]}")));
    }
}
