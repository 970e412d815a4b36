package io.jcni.conf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;
import java.util.Set;

import static io.jcni.conf.CniAssertions.assertCniError;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CniArgsTest {
    @Test
    void parsesPairsInOrder() throws CniException {
        CniArgs a = CniArgs.parse("IP=10.0.0.5;MAC=02:00:00:00:00:01;;K8S_POD_NAME=web");
        assertEquals(Optional.of("10.0.0.5"), a.get("IP"));
        assertEquals(Optional.of("02:00:00:00:00:01"), a.get("MAC"));
        assertEquals(Optional.empty(), a.get("ip"));
        assertEquals("IP=10.0.0.5;MAC=02:00:00:00:00:01;K8S_POD_NAME=web", a.format());
        assertFalse(a.ignoreUnknown());
    }

    @Test
    void emptyOrAbsentIsEmpty() throws CniException {
        assertEquals(CniArgs.EMPTY, CniArgs.parse(null));
        assertEquals(CniArgs.EMPTY, CniArgs.parse(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"IgnoreUnknown=1", "IgnoreUnknown=true", "IgnoreUnknown=TRUE"})
    void ignoreUnknownAcceptsOneOrTrue(String raw) throws CniException {
        assertTrue(CniArgs.parse(raw).ignoreUnknown());
    }

    @ParameterizedTest
    @ValueSource(strings = {"IP", "=x", "A=1;B"})
    void aPairWithoutKeyOrEqualsIsCode4(String raw) {
        assertCniError(4, "CNI_ARGS: invalid pair", () -> CniArgs.parse(raw));
    }

    @Test
    void unknownKeysFailUnlessIgnored() throws CniException {
        CniArgs strict = CniArgs.parse("IP=10.0.0.5;K8S_POD_NAME=web");
        assertCniError(4, "CNI_ARGS: unknown key \"K8S_POD_NAME\"", () -> strict.requireKnown(Set.of("IP")));
        assertDoesNotThrow(() -> strict.requireKnown(Set.of("IP", "K8S_POD_NAME")));
        CniArgs lenient = CniArgs.parse("IgnoreUnknown=1;IP=10.0.0.5;K8S_POD_NAME=web");
        assertDoesNotThrow(() -> lenient.requireKnown(Set.of("IP")));
        assertDoesNotThrow(() -> CniArgs.parse("IgnoreUnknown=0;IP=1").requireKnown(Set.of("IP")));
    }
}
