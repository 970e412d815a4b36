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
cd "$(dirname "$0")/.."
. scripts/bench-lib.sh
bench_need_hyperfine
runs=${RUNS:-20}
bench_work
bench_install ./install.sh "$work"
# bin/ holds the shims (they fall back to the launchers while no daemon runs); lib/launchers the
# JVM launchers, i.e. one-shot mode.
oneshot=$work/lib/launchers
bench_daemon_start
bench_lab b

bench_pair_script bridge

# Each variant has its own bridge, subnet and IPAM store, so runs never see each other's state.
config() { # NAME BRIDGE SUBNET-INDEX IPMASQ
    cat <<JSON
{"cniVersion":"1.0.0","name":"$1","type":"bridge","bridge":"$2","isGateway":true,"ipMasq":$4,
 "ipam":{"type":"host-local","subnet":"10.250.$3.0/24","dataDir":"$work/ipam"}}
JSON
}
variant() { # LABEL PLUGIN-DIR NAME BRIDGE SUBNET-INDEX IPMASQ
    config "$3" "$4" "$5" "$6" >"$work/$3.json"
    bench_variant "$1" "$work/$3.json" "$2" "$work/$3.json"
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

echo "ADD+DEL pairs, $runs runs each, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
bench_hyperfine "$work/result.json" 2 "$runs" "${bench_args[@]}"
bench_report "$work/result.json" 42 ratios

if [ -x "$oneshot/bridge" ]; then
    echo
    # A millisecond-scale call needs more runs than a pair for a stable median.
    vruns=$((runs * 5))
    echo "VERSION, $vruns runs each"
    # hyperfine passes its environment on: the executables start directly, without an `env` exec
    # whose own start (a dynamically linked program) would be most of what is measured.
    CNI_COMMAND=VERSION bench_hyperfine "$work/version.json" 10 "$vruns" \
        -n "jcni daemon VERSION (shim)" "$work/bin/bridge" \
        -n "jcni one-shot VERSION" "$oneshot/bridge" \
        -n "reference VERSION" "/usr/lib/cni/bridge"
    bench_report "$work/version.json" 42 ratios
    pid=$(cat "$work/run/jcni.pid")
    echo
    echo "daemon after the run: RSS $(($(awk '/^VmRSS/ {print $2}' /proc/$pid/status) / 1024)) MiB, $(awk '/^Threads/ {print $2}' /proc/$pid/status) threads"
    "$work/cli/jcni" daemon status --socket "$work/run/jcni.sock" | sed -n '/^latency/,$p'
fi
