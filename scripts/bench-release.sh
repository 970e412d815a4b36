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
command -v hyperfine >/dev/null || { echo "$(basename "$0"): needs hyperfine (Debian: apt-get install hyperfine)" >&2; exit 1; }
cd "$(dirname "$0")/.."
runs=${RUNS:-20}
lab=$(pwd)/test-netns/scripts/lab.sh
suffix=$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')
host=jt-rh-$suffix
pod=jt-rp-$suffix
work=$(mktemp -d)
cleanup() {
    "$lab" down "$pod" "$host" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
. scripts/jdk.sh

./install.sh --no-build --bin-dir "$work/jdk/bin" --lib-dir "$work/jdk/lib" --cli-dir "$work/jdk/cli" \
    --socket "$work/jdk/run/jcni.sock" >/dev/null
scripts/release.sh --no-build --out "$work/release" >/dev/null
tarball=$(ls "$work"/release/jcni-*.tar.gz)
mkdir "$work/unpacked"
tar -C "$work/unpacked" -xzf "$tarball"
"$work"/unpacked/jcni-*/install.sh --bin-dir "$work/bundle/bin" --lib-dir "$work/bundle/lib" \
    --cli-dir "$work/bundle/cli" --socket "$work/bundle/run/jcni.sock" >/dev/null

size() { du -sh "$1" | cut -f1; }
echo "bundle $(basename "$tarball"): $(size "$tarball") compressed, $(size "$work"/unpacked/jcni-*) unpacked" \
    "(runtime $(size "$work"/unpacked/jcni-*/runtime): $(sed -n 's/^MODULES="\(.*\)"/\1/p' "$work"/unpacked/jcni-*/runtime/release))"
echo "installed LIB-DIR: bundle $(size "$work/bundle/lib") (with its runtime), today's $(size "$work/jdk/lib") + the JDK $(size "$JAVA_HOME")"

"$lab" host "$host" >/dev/null
"$lab" netns-pod "$pod" >/dev/null
netns=$("$lab" path "$pod")
cat >"$work/pair.sh" <<PAIR
#!/bin/sh
set -e
export CNI_CONTAINERID=jcni-bench CNI_NETNS=$netns CNI_IFNAME=eth0 CNI_PATH="\$1"
CNI_COMMAND=ADD "\$1/bridge" <"\$2" >/dev/null
CNI_COMMAND=DEL "\$1/bridge" <"\$2" >/dev/null
PAIR
chmod +x "$work/pair.sh"
i=0
pair() { # PLUGIN-DIR: sets cmd, a hyperfine command for an ADD+DEL pair with its own bridge and subnet
    i=$((i + 1))
    printf '{"cniVersion":"1.0.0","name":"b%s","type":"bridge","bridge":"rb%s","isGateway":true,"ipam":{"type":"host-local","subnet":"10.251.%s.0/24","dataDir":"%s/ipam"}}' \
        "$i" "$i" "$i" "$work" >"$work/$i.json"
    ip netns exec "$host" "$work/pair.sh" "$1" "$work/$i.json"
    cmd="ip netns exec $host $work/pair.sh $1 $work/$i.json"
}
report() {
    python3 - "$1" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
ref = next(r["median"] for r in results if r["command"].startswith("reference"))
print(f"{'command':36} {'median ms':>10} {'min ms':>8} {'cpu ms':>8} {'x ref':>6}")
for r in results:
    cpu = (r['user'] + r['system']) * 1000
    print(f"{r['command']:36} {r['median'] * 1000:10.1f} {r['min'] * 1000:8.1f} {cpu:8.1f} {r['median'] / ref:6.2f}")
PY
}
echo
echo "one-shot VERSION (JVM launchers), $runs runs each, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
hyperfine -N --style none --warmup 3 --runs "$runs" --export-json "$work/version.json" \
    -n "jcni bundle (jlinked runtime)" "env CNI_COMMAND=VERSION $work/bundle/lib/launchers/bridge" \
    -n "jcni today's install (JDK)" "env CNI_COMMAND=VERSION $work/jdk/lib/launchers/bridge" \
    -n "reference" "env CNI_COMMAND=VERSION /usr/lib/cni/bridge" >/dev/null
report "$work/version.json"
echo
echo "one-shot bridge ADD+DEL, $runs runs each"
pair "$work/bundle/lib/launchers"; bundle_pair=$cmd
pair "$work/jdk/lib/launchers"; jdk_pair=$cmd
pair /usr/lib/cni; ref_pair=$cmd
hyperfine -N --style none --warmup 2 --runs "$runs" --export-json "$work/adddel.json" \
    -n "jcni bundle (jlinked runtime)" "$bundle_pair" \
    -n "jcni today's install (JDK)" "$jdk_pair" \
    -n "reference" "$ref_pair" >/dev/null
report "$work/adddel.json"
