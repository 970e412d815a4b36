# Sourced by the project's scripts: finds a JDK 25 (or newer) and exports JAVA_HOME for it.
# Order: JCNI_JAVA_HOME, JAVA_HOME, then the JDKs under /usr/lib/jvm.
jcni_java_major() {
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'
}
jcni_find_jdk() {
    local c
    for c in "${JCNI_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
        [ -n "$c" ] && [ -x "$c/bin/javac" ] || continue
        local major
        major=$(jcni_java_major "$c")
        if [ -n "$major" ] && [ "${major%%.*}" -ge 25 ] 2>/dev/null; then
            echo "$c"
            return 0
        fi
    done
    return 1
}
if ! JAVA_HOME=$(jcni_find_jdk); then
    echo "jcni needs a JDK 25 or newer: none found in JCNI_JAVA_HOME, JAVA_HOME or /usr/lib/jvm." >&2
    echo "Install one (e.g. Temurin 25) and set JAVA_HOME to it." >&2
    exit 1
fi
export JAVA_HOME
