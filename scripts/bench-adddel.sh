#!/usr/bin/env bash
# Benchmark (not a test): median wall time of an ADD+DEL pair of the bridge plugin with host-local
# IPAM, jcni's installed executables (also without their AOT cache) beside the reference Go plugins
# in /usr/lib/cni, without and with ipMasq. The plugins run inside a sandbox host namespace and attach a bind-mounted pod
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
    "$lab" down "$pod" "$host" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

./install.sh --bin-dir "$work/bin" --lib-dir "$work/lib" >/dev/null
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
if [ -x "$work/bin/bridge" ]; then
    # The same launchers minus the AOT cache, to show what the install-time training buys.
    mkdir "$work/bin-no-aot"
    for exe in "$work"/bin/*; do
        sed 's/ .-XX:AOTCache=[^ ]*//' "$exe" >"$work/bin-no-aot/${exe##*/}"
        chmod +x "$work/bin-no-aot/${exe##*/}"
    done
    variant "jcni bridge ADD+DEL" "$work/bin" jcni-plain jb-jcni 1 false
    variant "jcni bridge ADD+DEL, ipMasq" "$work/bin" jcni-masq jb-jcnim 2 true
    variant "jcni bridge ADD+DEL, no AOT cache" "$work/bin-no-aot" jcni-noaot jb-jcnin 5 false
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
python3 - "$work/result.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
print(f"{'command':40} {'median ms':>10} {'min ms':>8} {'cpu ms':>8}")
for r in results:
    cpu = (r['user'] + r['system']) * 1000
    print(f"{r['command']:40} {r['median'] * 1000:10.1f} {r['min'] * 1000:8.1f} {cpu:8.1f}")
PY
