package io.jcni.conf;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * Go's encoding/json escapes {@code < > &} and U+2028/U+2029 in strings; doing the same keeps our
 * output identical to the reference plugins' when a message quotes such characters.
 */
final class GoEscapes extends CharacterEscapes {
    private final int[] table;

    GoEscapes() {
        table = standardAsciiEscapesForJSON();
        table['<'] = ESCAPE_CUSTOM;
        table['>'] = ESCAPE_CUSTOM;
        table['&'] = ESCAPE_CUSTOM;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return table;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        return switch (ch) {
            case '<', '>', '&', 0x2028, 0x2029 -> new SerializedString(String.format("\\u%04x", ch));
            default -> null;
        };
    }
}
