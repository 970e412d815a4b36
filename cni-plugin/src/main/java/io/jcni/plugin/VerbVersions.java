package io.jcni.plugin;

import io.jcni.conf.CniException;
import io.jcni.conf.CniVersion;
import io.jcni.conf.ErrorCode;
import io.jcni.conf.Verb;

/** Which spec version introduced each verb: a config of an older version cannot ask for it. */
final class VerbVersions {
    private VerbVersions() {
    }

    static CniVersion since(Verb verb) {
        return switch (verb) {
            case ADD, DEL, VERSION -> CniVersion.V0_1_0;
            case CHECK -> CniVersion.V0_4_0;
            case STATUS, GC -> CniVersion.V1_1_0;
        };
    }

    /** Code 1 (incompatible version) when {@code version} predates {@code verb}, as the spec says. */
    static void require(Verb verb, CniVersion version) throws CniException {
        CniVersion since = since(verb);
        if (!version.atLeast(since)) {
            throw new CniException(ErrorCode.INCOMPATIBLE_VERSION,
                    "cniVersion: " + version + " does not allow " + verb + " (needs " + since + " or later)");
        }
    }
}
