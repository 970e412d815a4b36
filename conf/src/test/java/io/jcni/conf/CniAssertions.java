package io.jcni.conf;

import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Asserts that a call fails with a given CNI code and a message naming the field. */
public final class CniAssertions {
    private CniAssertions() {
    }

    public static CniException assertCniError(int code, String messagePart, Executable call) {
        CniException e = assertThrows(CniException.class, call);
        assertEquals(code, e.code(), () -> "code of: " + e.getMessage());
        assertTrue(e.getMessage().contains(messagePart),
                () -> "message \"" + e.getMessage() + "\" should contain \"" + messagePart + "\"");
        return e;
    }
}
