package io.jcni.conf;

import java.util.List;

/** The CNI specification versions jcni speaks, oldest first. */
public enum CniVersion {
    V0_1_0("0.1.0"),
    V0_2_0("0.2.0"),
    V0_3_0("0.3.0"),
    V0_3_1("0.3.1"),
    V0_4_0("0.4.0"),
    V1_0_0("1.0.0"),
    V1_1_0("1.1.0");

    public static final CniVersion LATEST = V1_1_0;

    private final String text;

    CniVersion(String text) {
        this.text = text;
    }

    /** Parses a version string; an unknown one is error code 1 naming {@code field}. */
    public static CniVersion parse(String s, String field) throws CniException {
        for (CniVersion v : values()) {
            if (v.text.equals(s)) {
                return v;
            }
        }
        throw new CniException(ErrorCode.INCOMPATIBLE_VERSION,
                field + ": unsupported CNI version \"" + s + "\"", "supported versions: " + texts());
    }

    public static List<String> texts() {
        return java.util.Arrays.stream(values()).map(CniVersion::text).toList();
    }

    public String text() {
        return text;
    }

    public boolean atLeast(CniVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public String toString() {
        return text;
    }
}
