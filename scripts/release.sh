#!/usr/bin/env bash
# Builds the self-contained release: target/release/jcni-VERSION-linux-ARCH.tar.gz holding a
# jlinked Java runtime with only the modules jcni's jars need (found by jdeps), the jars, the shim's
# C source and launcher templates, laid out as install.sh expects them, and install.sh itself.
# Installing needs nothing on the node but glibc: `tar xzf ...; jcni-VERSION-linux-ARCH/install.sh
# [--bin-dir ...]` copies the runtime into LIB-DIR, compiles the shims when the node has a C compiler
# (else installs the /bin/sh launchers: no daemon mode) and trains the AOT cache with that runtime.
#   scripts/release.sh [--no-build] [--out DIR]   (default DIR target/release)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
build=yes
out=$root/target/release
while [ $# -gt 0 ]; do
    case "$1" in
        --no-build) build=no; shift ;;
        --out) out=$2; shift 2 ;;
        *) echo "usage: scripts/release.sh [--no-build] [--out DIR]" >&2; exit 2 ;;
    esac
done
. scripts/jdk.sh
if [ "$build" = yes ]; then
    MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" \
        ./mvnw -B -q -ntp -DskipTests package -pl manager -am
fi
version=$(sed -n 's|^  <version>\(.*\)</version>|\1|p' pom.xml | head -n 1)
case "$(uname -m)" in
    x86_64) arch=amd64 ;;
    aarch64) arch=arm64 ;;
    *) arch=$(uname -m) ;;
esac
name=jcni-$version-linux-$arch
jar() { ls "$1"/target/jcni-"$1"-*.jar 2>/dev/null | grep -v -e '-sources' -e '-tests' | head -n 1; }
plugin_jar=$(jar cni-plugin)
manager_jar=$(jar manager)
if [ -z "$plugin_jar" ] || [ -z "$manager_jar" ] || [ ! -d cni-plugin/target/lib ] || [ ! -d manager/target/lib ]; then
    echo "release.sh: no build output in cni-plugin/target and manager/target (drop --no-build)" >&2
    exit 1
fi

mkdir -p "$out"
stage=$(mktemp -d "$out/.stage.XXXXXX")
trap 'rm -rf "$stage"' EXIT
b=$stage/$name
# the paths install.sh reads in a source tree, so that one installer serves both
mkdir -p "$b/cni-plugin/target/lib" "$b/manager/target/lib" "$b/cni-plugin/src/main/launcher" \
    "$b/manager/src/main/c" "$b/manager/src/main/launcher" "$b/manager/src/main/systemd"
cp "$plugin_jar" "$b/cni-plugin/target/"
cp cni-plugin/target/lib/*.jar "$b/cni-plugin/target/lib/"
cp "$manager_jar" "$b/manager/target/"
cp manager/target/lib/*.jar "$b/manager/target/lib/"
cp cni-plugin/src/main/launcher/plugin.sh "$b/cni-plugin/src/main/launcher/"
cp manager/src/main/c/jcni-shim.c "$b/manager/src/main/c/"
cp manager/src/main/launcher/jcni.sh "$b/manager/src/main/launcher/"
cp manager/src/main/systemd/jcni.service "$b/manager/src/main/systemd/"
cp install.sh "$b/"
[ ! -f LICENSE ] || cp LICENSE "$b/"

# The modules the jars use: jdeps over every jar (plugins and manager), each once.
jars=$( (ls "$b"/cni-plugin/target/*.jar "$b"/cni-plugin/target/lib/*.jar "$b"/manager/target/*.jar
         ls "$b"/manager/target/lib/*.jar) | awk -F/ '!seen[$NF]++')
modules=$("$JAVA_HOME/bin/jdeps" --ignore-missing-deps --list-deps --multi-release 25 \
    --class-path "$(echo "$jars" | paste -sd: -)" $jars 2>/dev/null | sed -n 's/^ *\(java\.[a-z.]*\|jdk\.[a-z.]*\)$/\1/p')
echo "$modules" | grep -qx java.base || { echo "release.sh: jdeps found no modules" >&2; exit 1; }
# Left out: modules only optional code of the libraries uses, never on jcni's paths (jackson-databind
# `requires static` java.desktop and java.sql: java.beans annotations and java.sql types; netty's
# JFR events are off unless jdk.jfr is there). java.xml stays: fabric8 reads a kubeconfig through
# Jackson, which then loads DOM types (`jcni daemon run --routes kubernetes` fails without it).
# ReleaseBundleE2eTest runs plugins, daemon and command on the runtime without them.
optional=" java.desktop java.sql jdk.jfr "
modules=$(echo "$modules" | while read -r m; do
    case "$optional" in *" $m "*) ;; *) echo "$m" ;; esac
done | sort -u | paste -sd, -)
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
    --output "$b/runtime"
printf '%s\n' "$version" >"$b/VERSION"
cat >"$b/README" <<TEXT
jcni $version for linux/$arch: CNI plugins in Java, with their own Java runtime (runtime/,
modules: $modules).

  ./install.sh [--bin-dir /opt/cni/bin] [--lib-dir /opt/jcni] [--cli-dir /usr/local/sbin] [--socket /run/jcni/jcni.sock]

copies the runtime and the jars into LIB-DIR, trains the AOT cache with that runtime, and puts one
executable per plugin type into BIN-DIR: the native shim (compiled here with cc, which forwards to
jcni daemon when it runs) or, without a C compiler, a /bin/sh launcher (no daemon mode). It needs
no JDK and no Maven.
TEXT
tar -C "$stage" --owner=0 --group=0 -czf "$out/$name.tar.gz.new" "$name"
mv "$out/$name.tar.gz.new" "$out/$name.tar.gz"
echo "release.sh: $out/$name.tar.gz ($(du -h "$out/$name.tar.gz" | cut -f1); runtime $(du -sh "$b/runtime" | cut -f1), modules $modules)"
