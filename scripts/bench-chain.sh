#!/usr/bin/env bash
# Benchmark (not a test): median wall time of the full chain's ADD+DEL (bridge with host-local dual
# stack and ipMasq, portmap, firewall, tuning, bandwidth: the conflist of the e2e FullChainConflist)
# through cnitool, that is libcni as runtimes call it: jcni one-shot (the JVM launchers, one JVM per
# plugin call), jcni through its shims with `jcni daemon` running (started for the run on a socket
# of its own, stopped at exit), and the reference Go plugins in /usr/lib/cni, side by side in one
# hyperfine run.
# The plugins run inside a sandbox host namespace and attach a bind-mounted pod namespace, both made
# by test-netns/scripts/lab.sh and removed at exit: the machine's root network namespace is never
# touched. Needs root and cnitool (JCNI_CNITOOL, else build/tools/cnitool as test.sh builds it, else
# on PATH). Numbers go to docs/performance.md by hand.
#   scripts/bench-chain.sh          RUNS=50 for more runs (default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/bench-lib.sh
bench_need_hyperfine
runs=${RUNS:-20}
cnitool=${JCNI_CNITOOL:-$( [ -x build/tools/cnitool ] && echo "$(pwd)/build/tools/cnitool" || command -v cnitool || true)}
[ -x "$cnitool" ] || { echo "$(basename "$0"): no cnitool at $cnitool (set JCNI_CNITOOL)" >&2; exit 1; }
bench_work
# bin/ holds the shims (they fall back to the JVM launchers in lib/launchers while no daemon runs).
bench_install ./install.sh "$work"
bench_daemon_start
bench_lab b

# One ADD then one DEL through cnitool, as a runtime makes them: PLUGIN-PATH NETCONF-DIR NETWORK.
cat >"$work/pair.sh" <<PAIR
#!/bin/sh
set -e
export CNI_PATH="\$1" NETCONFPATH="\$2" CNI_CACHEDIR="\$2/cache" CNI_CONTAINERID=jcni-bench CNI_IFNAME=eth0
export CAP_ARGS='{"portMappings":[{"hostPort":8080,"containerPort":80,"protocol":"tcp"},{"hostPort":8081,"containerPort":81,"protocol":"udp"}]}'
$cnitool add "\$3" $netns >/dev/null
$cnitool del "\$3" $netns >/dev/null
PAIR
chmod +x "$work/pair.sh"

# Each variant has its own network name, bridge, subnets, IPAM store and tuning directory, so runs
# never see each other's state.
conflist() { # NAME BRIDGE SUBNET-INDEX DIR
    cat <<JSON
{"cniVersion":"1.0.0","name":"$1","plugins":[
 {"type":"bridge","bridge":"$2","isGateway":true,"isDefaultGateway":true,"ipMasq":true,"hairpinMode":true,
  "ipam":{"type":"host-local","dataDir":"$4/ipam","ranges":[[{"subnet":"10.250.$3.0/24"}],[{"subnet":"fd00:250:$3::/64"}]]}},
 {"type":"portmap","capabilities":{"portMappings":true}},
 {"type":"firewall","backend":"iptables"},
 {"type":"tuning","dataDir":"$4/tuning","mtu":1400,"sysctl":{"net.ipv4.conf.IFNAME.arp_notify":"1"}},
 {"type":"bandwidth","ingressRate":80000000,"ingressBurst":800000,"egressRate":40000000,"egressBurst":800000}]}
JSON
}
variant() { # LABEL PLUGIN-PATH NAME BRIDGE SUBNET-INDEX
    local dir="$work/$3"
    mkdir -p "$dir"
    conflist "$3" "$4" "$5" "$dir" >"$dir/$3.conflist"
    bench_variant "$1" "$dir/$3.conflist" "$2" "$dir" "$3"
}
variant "jcni full chain ADD+DEL (one-shot)" "$work/lib/launchers" jcni-chain jc-jcni 1
variant "jcni full chain ADD+DEL (daemon)" "$work/bin" jcni-daemon jc-jcnid 3
variant "reference full chain ADD+DEL" /usr/lib/cni ref-chain jc-ref 2

echo "full chain ADD+DEL through cnitool, $runs runs each, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
bench_hyperfine "$work/result.json" 2 "$runs" "${bench_args[@]}"
bench_report "$work/result.json" 40
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
"$work/cli/jcni" daemon status --socket "$work/run/jcni.sock" | sed -n '/^calls/,$p'
