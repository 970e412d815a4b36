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
cd "$(dirname "$0")/.."
. scripts/bench-lib.sh
bench_need_hyperfine
runs=${RUNS:-20}
bench_work
bench_install ./install.sh "$work" ${NO_BUILD:+--no-build}
bench_lab bf
bench_pair_script firewall

config() { # NAME BACKEND SUBNET-INDEX
    cat <<JSON
{"cniVersion":"1.0.0","name":"$1","type":"firewall","backend":"$2",
 "prevResult":{"cniVersion":"1.0.0",
  "interfaces":[{"name":"cni0"},{"name":"veth0"},{"name":"eth0","sandbox":"$netns"}],
  "ips":[{"address":"10.251.$3.2/24","gateway":"10.251.$3.1","interface":2},
         {"address":"fd00:251:$3::2/64","interface":2}]}}
JSON
}
variant() { # LABEL PLUGIN-DIR NAME BACKEND SUBNET-INDEX
    config "$3" "$4" "$5" >"$work/$3.json"
    bench_variant "$1" "$work/$3.json" "$2" "$work/$3.json"
}
variant "jcni firewall ADD+DEL, iptables" "$work/bin" jcni-ipt iptables 1
variant "jcni firewall ADD+DEL, nftables" "$work/bin" jcni-nft nftables 2
variant "reference firewall ADD+DEL, iptables" /usr/lib/cni ref-ipt iptables 3

echo "ADD+DEL pairs, $runs runs each, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
bench_hyperfine "$work/result.json" 2 "$runs" "${bench_args[@]}"
bench_report "$work/result.json" 40
