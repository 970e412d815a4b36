#!/usr/bin/env bash
# Benchmark (not a test): median wall time of an ADD+DEL pair of the bridge plugin with host-local
# IPAM, jcni's installed executables beside the reference Go plugins in /usr/lib/cni, without and
# with ipMasq: jcni one-shot (the JVM launchers, also without their AOT cache) and jcni through the
# shim with the daemon running (started for the run, warmed up, stopped at exit); then VERSION of
# the three. The plugins run inside a sandbox host namespace and attach a bind-mounted pod
# namespace, both made by test-netns/scripts/lab.sh and removed at exit: the machine's root network
# namespace is never touched. Needs root. Numbers go to docs/performance.md by hand.
#   scripts/bench-adddel.sh          RUNS=50 for more runs (default 20)
set -euo pipefail
command -v hyperfine >/dev/null || { echo "$(basename "$0"): needs hyperfine (Debian: apt-get install hyperfine)" >&2; exit 1; }
cd "$(dirname "$0")/.."
runs=${RUNS:-20}
lab=$(pwd)/test-netns/scripts/lab.sh
suffix=$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')
host=jt-bh-$suffix
pod=jt-bp-$suffix
work=$(mktemp -d)
cleanup() {
    [ ! -x "$work/cli/jcni" ] || "$work/cli/jcni" daemon stop --socket "$work/run/jcni.sock" >/dev/null 2>&1 || true
    "$lab" down "$pod" "$host" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

./install.sh --bin-dir "$work/bin" --lib-dir "$work/lib" --cli-dir "$work/cli" --socket "$work/run/jcni.sock" >/dev/null
# bin/ holds the shims (they fall back to the launchers while no daemon runs); lib/launchers the
# JVM launchers, i.e. one-shot mode.
oneshot=$work/lib/launchers
"$work/cli/jcni" daemon start --socket "$work/run/jcni.sock" >/dev/null
"$lab" host "$host" >/dev/null
"$lab" netns-pod "$pod" >/dev/null
netns=$("$lab" path "$pod")

# One ADD then one DEL, as a runtime makes them: PLUGIN-DIR CONFIG.
cat >"$work/pair.sh" <<PAIR
#!/bin/sh
set -e
export CNI_CONTAINERID=jcni-bench CNI_NETNS=$netns CNI_IFNAME=eth0 CNI_PATH="\$1"
CNI_COMMAND=ADD "\$1/bridge" <"\$2" >/dev/null
CNI_COMMAND=DEL "\$1/bridge" <"\$2" >/dev/null
PAIR
chmod +x "$work/pair.sh"

# Each variant has its own bridge, subnet and IPAM store, so runs never see each other's state.
config() { # NAME BRIDGE SUBNET-INDEX IPMASQ
    cat <<JSON
{"cniVersion":"1.0.0","name":"$1","type":"bridge","bridge":"$2","isGateway":true,"ipMasq":$4,
 "ipam":{"type":"host-local","subnet":"10.250.$3.0/24","dataDir":"$work/ipam"}}
JSON
}
names=()
commands=()
variant() { # LABEL PLUGIN-DIR NAME BRIDGE SUBNET-INDEX IPMASQ
    config "$3" "$4" "$5" "$6" >"$work/$3.json"
    if ! ip netns exec "$host" "$work/pair.sh" "$2" "$work/$3.json"; then
        echo "bench-adddel: $1 fails; config: $(cat "$work/$3.json")" >&2
        exit 1
    fi
    names+=("$1")
    commands+=("ip netns exec $host $work/pair.sh $2 $work/$3.json")
}
if [ -x "$oneshot/bridge" ]; then
    # The same launchers minus the AOT cache, to show what the install-time training buys.
    mkdir "$work/bin-no-aot"
    for exe in "$oneshot"/*; do
        sed 's/ .-XX:AOTCache=[^ ]*//' "$exe" >"$work/bin-no-aot/${exe##*/}"
        chmod +x "$work/bin-no-aot/${exe##*/}"
    done
    variant "jcni one-shot bridge ADD+DEL" "$oneshot" jcni-plain jb-jcni 1 false
    variant "jcni one-shot bridge ADD+DEL, ipMasq" "$oneshot" jcni-masq jb-jcnim 2 true
    variant "jcni one-shot ADD+DEL, no AOT cache" "$work/bin-no-aot" jcni-noaot jb-jcnin 5 false
    variant "jcni daemon bridge ADD+DEL" "$work/bin" jcni-dplain jb-jcnid 6 false
    variant "jcni daemon bridge ADD+DEL, ipMasq" "$work/bin" jcni-dmasq jb-jcnidm 7 true
    # A running daemon is warm: let its JIT see the calls before measuring (the first call after a
    # start costs about a second more; docs/performance.md).
    for _ in $(seq 30); do
        ip netns exec "$host" "$work/pair.sh" "$work/bin" "$work/jcni-dmasq.json"
    done
else
    echo "bench-adddel: this build has no bridge plugin yet: measuring the reference only" >&2
fi
variant "reference bridge ADD+DEL" /usr/lib/cni ref-plain jb-ref 3 false
variant "reference bridge ADD+DEL, ipMasq" /usr/lib/cni ref-masq jb-refm 4 true

args=()
for i in "${!names[@]}"; do
    args+=(-n "${names[$i]}" "${commands[$i]}")
done
echo "ADD+DEL pairs, $runs runs each, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
hyperfine -N --style none --warmup 2 --runs "$runs" --export-json "$work/result.json" "${args[@]}" >/dev/null
report() {
    python3 - "$1" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
ref = {('ipMasq' in r['command']): r['median'] for r in results if r['command'].startswith('reference')}
print(f"{'command':42} {'median ms':>10} {'min ms':>8} {'cpu ms':>8} {'x ref':>6}")
for r in results:
    cpu = (r['user'] + r['system']) * 1000
    base = ref.get('ipMasq' in r['command'])
    ratio = f"{r['median'] / base:6.2f}" if base else ''
    print(f"{r['command']:42} {r['median'] * 1000:10.1f} {r['min'] * 1000:8.1f} {cpu:8.1f} {ratio}")
PY
}
report "$work/result.json"

if [ -x "$oneshot/bridge" ]; then
    echo
    # A millisecond-scale call needs more runs than a pair for a stable median.
    vruns=$((runs * 5))
    echo "VERSION, $vruns runs each"
    # hyperfine passes its environment on: the executables start directly, without an `env` exec
    # whose own start (a dynamically linked program) would be most of what is measured.
    CNI_COMMAND=VERSION hyperfine -N --style none --warmup 10 --runs "$vruns" --export-json "$work/version.json" \
        -n "jcni daemon VERSION (shim)" "$work/bin/bridge" \
        -n "jcni one-shot VERSION" "$oneshot/bridge" \
        -n "reference VERSION" "/usr/lib/cni/bridge" >/dev/null
    report "$work/version.json"
    pid=$(cat "$work/run/jcni.pid")
    echo
    echo "daemon after the run: RSS $(($(awk '/^VmRSS/ {print $2}' /proc/$pid/status) / 1024)) MiB, $(awk '/^Threads/ {print $2}' /proc/$pid/status) threads"
    "$work/cli/jcni" daemon status --socket "$work/run/jcni.sock" | sed -n '/^latency/,$p'
fi
