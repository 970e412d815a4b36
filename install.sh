#!/bin/sh
# Installs jcni's CNI plugins: one executable per registered plugin type in BIN-DIR (named by the
# type, so existing configs work unchanged), the jars, JVM flags and AOT cache in LIB-DIR.
# With a C compiler each executable is the native shim (manager/src/main/c/jcni-shim.c), which
# forwards the call to the jcni daemon on SOCKET and runs the JVM launcher (LIB-DIR/launchers/TYPE)
# when no daemon answers; without one, the JVM launcher itself. Also installs the jcni command
# (LIB-DIR/bin/jcni, linked into CLI-DIR) and a systemd unit for the daemon (docs/daemon.md).
# Builds first when the build output is missing or older than the sources. Safe to re-run: it
# overwrites the previous install and retrains the AOT cache. In a release bundle
# (scripts/release.sh) it uses the bundle's jlinked runtime, copied into LIB-DIR/runtime, and never
# builds: the node needs no JDK.
set -eu

usage() {
    cat <<USAGE
usage: ./install.sh [--bin-dir DIR] [--lib-dir DIR] [--cli-dir DIR] [--socket PATH] [--systemd] [--no-build] [--java-home DIR]
  --bin-dir DIR  where the plugin executables go (default /opt/cni/bin)
  --lib-dir DIR  where jars, JVM flags and the AOT cache go (default /opt/jcni)
  --cli-dir DIR  where the jcni command is linked (default /usr/local/sbin)
  --socket PATH  the daemon's socket the shims connect to (default /run/jcni/jcni.sock)
  --systemd      also copy the daemon's unit to /etc/systemd/system (not enabled)
  --no-build     use the existing build output (fail if there is none)
  --java-home DIR  the Java runtime (JDK or jlinked, 25 or newer) the plugins run on
                 (default: a JDK found by scripts/jdk.sh; in a release bundle, its runtime/)
USAGE
}

bin_dir=/opt/cni/bin
lib_dir=/opt/jcni
cli_dir=/usr/local/sbin
socket=/run/jcni/jcni.sock
systemd=no
build=auto
java_home=
while [ $# -gt 0 ]; do
    case "$1" in
        --bin-dir) [ $# -ge 2 ] || { usage >&2; exit 2; }; bin_dir=$2; shift 2 ;;
        --lib-dir) [ $# -ge 2 ] || { usage >&2; exit 2; }; lib_dir=$2; shift 2 ;;
        --cli-dir) [ $# -ge 2 ] || { usage >&2; exit 2; }; cli_dir=$2; shift 2 ;;
        --socket) [ $# -ge 2 ] || { usage >&2; exit 2; }; socket=$2; shift 2 ;;
        --systemd) systemd=yes; shift ;;
        --no-build) build=no; shift ;;
        --java-home) [ $# -ge 2 ] || { usage >&2; exit 2; }; java_home=$2; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "install.sh: unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
done

cd "$(dirname "$0")"
bundle=no
if [ -x runtime/bin/java ] && [ ! -f pom.xml ]; then
    bundle=yes
    build=no
fi
if [ -n "$java_home" ]; then
    JAVA_HOME=$(cd "$java_home" && pwd)
elif [ "$bundle" = no ]; then
    . scripts/jdk.sh
fi

# Launchers and the argument file hold these paths literally: make them absolute and quotable.
mkdir -p "$bin_dir" "$lib_dir" "$cli_dir"
bin_dir=$(cd "$bin_dir" && pwd)
lib_dir=$(cd "$lib_dir" && pwd)
cli_dir=$(cd "$cli_dir" && pwd)
if [ "$bundle" = yes ] && [ -z "$java_home" ]; then
    # The runtime goes with the install: the unpacked bundle may be deleted afterwards.
    rm -rf "$lib_dir/runtime.new" "$lib_dir/runtime.old"
    cp -R runtime "$lib_dir/runtime.new"
    [ ! -d "$lib_dir/runtime" ] || mv "$lib_dir/runtime" "$lib_dir/runtime.old"
    mv "$lib_dir/runtime.new" "$lib_dir/runtime"
    rm -rf "$lib_dir/runtime.old"
    JAVA_HOME=$lib_dir/runtime
fi
java="$JAVA_HOME/bin/java"
case "$socket" in
    /*) ;;
    *) echo "install.sh: --socket needs an absolute path: $socket" >&2; exit 2 ;;
esac
# sun_path holds 108 bytes with the terminating NUL.
if [ "$(printf %s "$socket" | wc -c)" -gt 107 ]; then
    echo "install.sh: --socket path longer than 107 bytes: $socket" >&2
    exit 2
fi
for p in "$bin_dir" "$lib_dir" "$cli_dir" "$socket" "$java"; do
    case "$p" in
        *[\'\"\\\ ]*) echo "install.sh: paths with quotes, backslashes or spaces are not supported: $p" >&2; exit 2 ;;
    esac
done

plugin_jar() {
    ls cni-plugin/target/jcni-cni-plugin-*.jar 2>/dev/null | grep -v -e '-sources' -e '-tests' | head -n 1
}
manager_jar() {
    ls manager/target/jcni-manager-*.jar 2>/dev/null | grep -v -e '-sources' -e '-tests' | head -n 1
}

jar=$(plugin_jar)
if [ "$build" = auto ]; then
    mjar=$(manager_jar)
    if [ -z "$jar" ] || [ ! -d cni-plugin/target/lib ] || [ -z "$mjar" ] || [ ! -d manager/target/lib ] \
        || [ -n "$(find pom.xml conf netlink ipam cni-plugin manager -path '*/target' -prune -o -type f -newer "$jar" -print | head -n 1)" ] \
        || [ -n "$(find pom.xml conf netlink ipam cni-plugin manager -path '*/target' -prune -o -type f -newer "$mjar" -print | head -n 1)" ]; then
        echo "install.sh: building (./mvnw -DskipTests package)"
        # (the flag quiets Maven's own Unsafe warnings on JDK 25)
        MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" \
            ./mvnw -B -q -DskipTests package -pl manager -am
        jar=$(plugin_jar)
    fi
fi
if [ -z "$jar" ] || [ ! -d cni-plugin/target/lib ]; then
    echo "install.sh: no build output in cni-plugin/target: run ./mvnw -DskipTests package (or drop --no-build)" >&2
    exit 1
fi

# Jars: the plugin jar first, then its runtime dependencies in a fixed order (the AOT cache is
# valid only for the exact class path it was trained with).
rm -rf "$lib_dir/lib.new" "$lib_dir/lib.old"
mkdir "$lib_dir/lib.new"
cp "$jar" cni-plugin/target/lib/*.jar "$lib_dir/lib.new/"
# Two renames: a plugin starting meanwhile misses the jars for an instant at most.
[ ! -d "$lib_dir/lib" ] || mv "$lib_dir/lib" "$lib_dir/lib.old"
mv "$lib_dir/lib.new" "$lib_dir/lib"
rm -rf "$lib_dir/lib.old"
classpath="$lib_dir/lib/$(basename "$jar")"
for j in $(cd "$lib_dir/lib" && ls *.jar | sort); do
    [ "$j" = "$(basename "$jar")" ] || classpath="$classpath:$lib_dir/lib/$j"
done

# JVM flags (docs/performance.md says why each): fast startup, and no JVM message on stdout,
# which carries the CNI result (unified logging writes to stdout by default).
cat >"$lib_dir/jvm.args.new" <<ARGS
-XX:TieredStopAtLevel=1
-XX:+UseSerialGC
-XX:-UsePerfData
--enable-native-access=ALL-UNNAMED
-Xlog:disable
-Xlog:all=warning:stderr
-XX:+DisplayVMOutputToStderr
-cp
$classpath
ARGS
mv "$lib_dir/jvm.args.new" "$lib_dir/jvm.args"
echo "$JAVA_HOME" >"$lib_dir/java-home"

types=$("$java" "@$lib_dir/jvm.args" io.jcni.plugin.launch.Main --list-types)
if [ -z "$types" ]; then
    echo "install.sh: the build registers no plugin types" >&2
    exit 1
fi

# Train the AOT cache with real invocations (io.jcni.plugin.launch.Training) in a scratch dir.
# As root, the training JVM gets a network namespace of its own (gone when it exits), so that
# bridge ADD/DEL can be trained without touching this machine's network.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
rm -f "$lib_dir/jcni.aot.new" "$lib_dir/jcni.aot.new.config"
private=
if [ "$(id -u)" = 0 ] && unshare --net true 2>/dev/null; then
    private="unshare --net env JCNI_TRAINING_OUTER_NETNS=$(stat -L -c %i /proc/self/ns/net)"
fi
status=0
$private "$java" "@$lib_dir/jvm.args" "-XX:AOTCacheOutput=$lib_dir/jcni.aot.new" \
    io.jcni.plugin.launch.Main --train "$scratch/train" >"$scratch/training.log" 2>&1 || status=$?
if [ ! -s "$lib_dir/jcni.aot.new" ]; then
    cat "$scratch/training.log" >&2
    echo "install.sh: AOT training failed (log above)" >&2
    exit 1
fi
mv "$lib_dir/jcni.aot.new" "$lib_dir/jcni.aot"
echo "install.sh: AOT cache trained with: $(sed -n 's/^jcni training: \(.*\) ok$/\1/p' "$scratch/training.log" | paste -sd, -)"
grep -h 'skipped' "$scratch/training.log" >&2 || true
if [ "$status" != 0 ]; then
    # A training call that fails here would fail for a runtime too (e.g. no iptables for ipMasq):
    # worth a warning, not a failed install; the cache still holds everything else.
    echo "install.sh: warning: some training invocations failed:" >&2
    grep -h -A3 'exited' "$scratch/training.log" >&2 || true
fi

# The JVM launchers, one per type, in LIB-DIR/launchers: what the shims exec when no daemon runs,
# and the plugin executables themselves when there is no C compiler.
rm -rf "$lib_dir/launchers.new"
mkdir "$lib_dir/launchers.new"
for type in $types; do
    sed -e "s|@TYPE@|$type|g" -e "s|@JAVA@|$java|g" -e "s|@LIB@|$lib_dir|g" \
        cni-plugin/src/main/launcher/plugin.sh >"$lib_dir/launchers.new/$type"
    chmod 755 "$lib_dir/launchers.new/$type"
done
[ ! -d "$lib_dir/launchers" ] || mv "$lib_dir/launchers" "$lib_dir/launchers.old"
mv "$lib_dir/launchers.new" "$lib_dir/launchers"
rm -rf "$lib_dir/launchers.old"

# CC names the compiler (CC=none: none, as on a machine without one).
if [ -n "${CC:-}" ]; then
    cc=$(command -v "$CC" || true)
else
    cc=$(command -v cc || command -v gcc || true)
fi
if [ -z "$cc" ]; then
    echo "install.sh: no C compiler (${CC:-cc, gcc}): installing the JVM launchers in $bin_dir, without the shim (no daemon mode)" >&2
fi

# One executable per type, replaced atomically; executables of types no longer registered go.
for old in "$bin_dir"/*; do
    [ -f "$old" ] && grep -aq -e '^# jcni launcher for the CNI plugin' -e 'jcni shim for the CNI plugin' "$old" 2>/dev/null || continue
    echo "$types" | grep -qx "$(basename "$old")" || rm -f "$old"
done
for type in $types; do
    if [ -n "$cc" ]; then
        # Linked statically when libc.a is there: no dynamic loader at each start (docs/performance.md).
        set -- -O2 -o "$bin_dir/.$type.new" "-DJCNI_TYPE=\"$type\"" "-DJCNI_SOCKET=\"$socket\"" \
            "-DJCNI_FALLBACK=\"$lib_dir/launchers/$type\"" manager/src/main/c/jcni-shim.c
        "$cc" -static "$@" 2>/dev/null || "$cc" "$@"
    else
        cp "$lib_dir/launchers/$type" "$bin_dir/.$type.new"
    fi
    chmod 755 "$bin_dir/.$type.new"
    mv "$bin_dir/.$type.new" "$bin_dir/$type"
done

# The jcni command: the manager's jars (those the plugins' class path lacks) in LIB-DIR/manager.
printf 'socket=%s\n' "$socket" >"$lib_dir/jcni.conf"
mjar=$(manager_jar)
if [ -n "$mjar" ] && [ -d manager/target/lib ]; then
    rm -rf "$lib_dir/manager.new"
    mkdir "$lib_dir/manager.new"
    cp "$mjar" "$lib_dir/manager.new/"
    for j in manager/target/lib/*.jar; do
        [ -e "$lib_dir/lib/$(basename "$j")" ] || cp "$j" "$lib_dir/manager.new/"
    done
    [ ! -d "$lib_dir/manager" ] || mv "$lib_dir/manager" "$lib_dir/manager.old"
    mv "$lib_dir/manager.new" "$lib_dir/manager"
    rm -rf "$lib_dir/manager.old"
    manager_cp=$(cd "$lib_dir/manager" && ls *.jar | sort | sed "s|^|$lib_dir/manager/|" | paste -sd: -)
    cat >"$lib_dir/manager.args.new" <<ARGS
-XX:+UseSerialGC
-Xmx128m
-XX:-UsePerfData
--enable-native-access=ALL-UNNAMED
--sun-misc-unsafe-memory-access=allow
-Xlog:disable
-Xlog:all=warning:stderr
-XX:+DisplayVMOutputToStderr
-cp
$manager_cp:$classpath
ARGS
    mv "$lib_dir/manager.args.new" "$lib_dir/manager.args"
    mkdir -p "$lib_dir/bin"
    sed -e "s|@JAVA@|$java|g" -e "s|@LIB@|$lib_dir|g" manager/src/main/launcher/jcni.sh >"$lib_dir/bin/.jcni.new"
    chmod 755 "$lib_dir/bin/.jcni.new"
    mv "$lib_dir/bin/.jcni.new" "$lib_dir/bin/jcni"
    ln -sfn "$lib_dir/bin/jcni" "$cli_dir/jcni"
    sed -e "s|@LIB@|$lib_dir|g" -e "s|@SOCKET@|$socket|g" manager/src/main/systemd/jcni.service >"$lib_dir/jcni.service"
    if [ "$systemd" = yes ]; then
        cp "$lib_dir/jcni.service" /etc/systemd/system/jcni.service
        ! command -v systemctl >/dev/null 2>&1 || systemctl daemon-reload 2>/dev/null || true
        echo "install.sh: installed /etc/systemd/system/jcni.service (not enabled: systemctl enable --now jcni)"
    fi
    echo "install.sh: jcni command in $cli_dir/jcni; daemon socket $socket (jcni daemon start, or the unit in $lib_dir/jcni.service)"
else
    echo "install.sh: no manager build output (manager/target): the jcni command and daemon are not installed" >&2
fi

echo "install.sh: installed $(echo $types) into $bin_dir (Java $JAVA_HOME, jars and AOT cache in $lib_dir)"
