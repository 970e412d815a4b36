#!/usr/bin/env bash
# Benchmark (not a test): the release bundle (scripts/release.sh: a jlinked runtime) against
# today's install (install.sh with the JDK that scripts/jdk.sh finds): sizes, then the median wall
# time of one-shot VERSION and of a bridge ADD+DEL pair through the JVM launchers of each (AOT
# caches trained at install time, each with its own runtime), beside the reference Go plugin. ADD
# and DEL run in a sandbox host and pod namespace made by test-netns/scripts/lab.sh and removed at
# exit. Needs root, hyperfine and the build output (./mvnw -DskipTests package). Numbers go to
# docs/performance.md by hand.
#   scripts/bench-release.sh         RUNS=40 for more runs (default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/bench-lib.sh
bench_need_hyperfine
runs=${RUNS:-20}
bench_work
. scripts/jdk.sh

bench_install ./install.sh "$work/jdk" --no-build
scripts/release.sh --no-build --out "$work/release" >/dev/null
tarball=$(ls "$work"/release/jcni-*.tar.gz)
mkdir "$work/unpacked"
tar -C "$work/unpacked" -xzf "$tarball"
bench_install "$work"/unpacked/jcni-*/install.sh "$work/bundle"

size() { du -sh "$1" | cut -f1; }
echo "bundle $(basename "$tarball"): $(size "$tarball") compressed, $(size "$work"/unpacked/jcni-*) unpacked" \
    "(runtime $(size "$work"/unpacked/jcni-*/runtime): $(sed -n 's/^MODULES="\(.*\)"/\1/p' "$work"/unpacked/jcni-*/runtime/release))"
echo "installed LIB-DIR: bundle $(size "$work/bundle/lib") (with its runtime), today's $(size "$work/jdk/lib") + the JDK $(size "$JAVA_HOME")"

bench_lab r
bench_pair_script bridge
i=0
pair() { # LABEL PLUGIN-DIR: an ADD+DEL pair with its own bridge and subnet, added to bench_args
    i=$((i + 1))
    printf '{"cniVersion":"1.0.0","name":"b%s","type":"bridge","bridge":"rb%s","isGateway":true,"ipam":{"type":"host-local","subnet":"10.251.%s.0/24","dataDir":"%s/ipam"}}' \
        "$i" "$i" "$i" "$work" >"$work/$i.json"
    bench_variant "$1" "$work/$i.json" "$2" "$work/$i.json"
}
echo
echo "one-shot VERSION (JVM launchers), $runs runs each, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
bench_hyperfine "$work/version.json" 3 "$runs" \
    -n "jcni bundle (jlinked runtime)" "env CNI_COMMAND=VERSION $work/bundle/lib/launchers/bridge" \
    -n "jcni today's install (JDK)" "env CNI_COMMAND=VERSION $work/jdk/lib/launchers/bridge" \
    -n "reference" "env CNI_COMMAND=VERSION /usr/lib/cni/bridge"
bench_report "$work/version.json" 36 ratios
echo
echo "one-shot bridge ADD+DEL, $runs runs each"
pair "jcni bundle (jlinked runtime)" "$work/bundle/lib/launchers"
pair "jcni today's install (JDK)" "$work/jdk/lib/launchers"
pair reference /usr/lib/cni
bench_hyperfine "$work/adddel.json" 2 "$runs" "${bench_args[@]}"
bench_report "$work/adddel.json" 36 ratios
