#!/usr/bin/env bash
# Benchmark (not a test): median wall time of an ADD+DEL pair of the firewall plugin alone (a
# prevResult with one IPv4 and one IPv6 address, as bridge hands it on), jcni's installed
# executables (iptables and nftables backends) beside the reference Go plugin in /usr/lib/cni
# (iptables). The plugins run inside a sandbox host namespace made by test-netns/scripts/lab.sh and
# removed at exit: the machine's root network namespace is never touched. Needs root and hyperfine.
# Numbers go to docs/performance.md by hand.
#   scripts/bench-firewall.sh          RUNS=50 for more runs (default 20); NO_BUILD=1 to install
#                                      the existing build output instead of building
set -euo pipefail
command -v hyperfine >/dev/null || { echo "$(basename "$0"): needs hyperfine (Debian: apt-get install hyperfine)" >&2; exit 1; }
cd "$(dirname "$0")/.."
runs=${RUNS:-20}
lab=$(pwd)/test-netns/scripts/lab.sh
suffix=$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')
host=jt-bfh-$suffix
pod=jt-bfp-$suffix
work=$(mktemp -d)
cleanup() {
    "$lab" down "$pod" "$host" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

./install.sh ${NO_BUILD:+--no-build} --bin-dir "$work/bin" --lib-dir "$work/lib" --cli-dir "$work/cli" --socket "$work/run/jcni.sock" >/dev/null
"$lab" host "$host" >/dev/null
"$lab" netns-pod "$pod" >/dev/null
netns=$("$lab" path "$pod")

cat >"$work/pair.sh" <<PAIR
#!/bin/sh
set -e
export CNI_CONTAINERID=jcni-bench CNI_NETNS=$netns CNI_IFNAME=eth0 CNI_PATH="\$1"
CNI_COMMAND=ADD "\$1/firewall" <"\$2" >/dev/null
CNI_COMMAND=DEL "\$1/firewall" <"\$2" >/dev/null
PAIR
chmod +x "$work/pair.sh"

config() { # NAME BACKEND SUBNET-INDEX
    cat <<JSON
{"cniVersion":"1.0.0","name":"$1","type":"firewall","backend":"$2",
 "prevResult":{"cniVersion":"1.0.0",
  "interfaces":[{"name":"cni0"},{"name":"veth0"},{"name":"eth0","sandbox":"$netns"}],
  "ips":[{"address":"10.251.$3.2/24","gateway":"10.251.$3.1","interface":2},
         {"address":"fd00:251:$3::2/64","interface":2}]}}
JSON
}
names=()
commands=()
variant() { # LABEL PLUGIN-DIR NAME BACKEND SUBNET-INDEX
    config "$3" "$4" "$5" >"$work/$3.json"
    if ! ip netns exec "$host" "$work/pair.sh" "$2" "$work/$3.json"; then
        echo "bench-firewall: $1 fails; config: $(cat "$work/$3.json")" >&2
        exit 1
    fi
    names+=("$1")
    commands+=("ip netns exec $host $work/pair.sh $2 $work/$3.json")
}
variant "jcni firewall ADD+DEL, iptables" "$work/bin" jcni-ipt iptables 1
variant "jcni firewall ADD+DEL, nftables" "$work/bin" jcni-nft nftables 2
variant "reference firewall ADD+DEL, iptables" /usr/lib/cni ref-ipt iptables 3

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
