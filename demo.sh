#!/usr/bin/env bash
# jcni demo: installs the Debian tools it uses when they are missing (iproute2, iptables, ping,
# tcpdump, a C compiler for the shim), builds and installs jcni into a scratch directory, starts the
# bridge manager daemon (jcni daemon) for the run, then builds a small world of
# network namespaces with test-netns/scripts/lab.sh (a sandbox host, an external network at
# 203.0.113.1 joined to it, two pause-held pods), connects both pods with jcni's bridge plugin the
# way a runtime does (CNI_* variables, config on stdin), shows their addresses and routes, proves
# pod-to-pod and pod-to-outside reachability with the source masqueraded (as seen by the external
# side), deletes the pods' networking, shows what the daemon measured, stops it and removes
# everything again. The machine's own root network namespace is never touched.
#   ./demo.sh [DIR]      install into DIR (default: a new directory under /tmp)
set -euo pipefail
cd "$(dirname "$0")"
dir=${1:-$(mktemp -d /tmp/jcni-demo.XXXXXX)}
lab=$(pwd)/test-netns/scripts/lab.sh
suffix=$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
host=jlab-host-$suffix
ext=jlab-ext-$suffix

cleanup() {
    set +e
    [ ! -x "$dir/cli/jcni" ] || "$dir/cli/jcni" daemon stop --socket "$dir/run/jcni.sock" >/dev/null 2>&1
    # lab.sh down stops the pause processes it started and removes the namespaces.
    "$lab" down "jlab-pod1-$suffix" "jlab-pod2-$suffix" "$ext" "$host" >/dev/null 2>&1
    rm -rf "$dir/ipam-$suffix"
}
trap cleanup EXIT

step() { printf '\n== %s\n' "$*"; }

if [ "$(id -u)" != 0 ]; then
    echo "demo.sh: run as root (sudo ./demo.sh): it creates network namespaces." >&2
    exit 1
fi
# The tools the demo runs; a fresh Debian machine with only a JDK has none of them.
packages=(iproute2 iptables iputils-ping tcpdump procps util-linux gcc libc6-dev)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
    step "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

step "build and install into $dir"
./install.sh --bin-dir "$dir/bin" --lib-dir "$dir/lib" --cli-dir "$dir/cli" --socket "$dir/run/jcni.sock"

step "start the bridge manager: jcni daemon (the executables in $dir/bin forward every call to it)"
"$dir/cli/jcni" daemon start --socket "$dir/run/jcni.sock"

step "sandbox host $host, external network $ext (203.0.113.1), two pause-held pods"
"$lab" host "$host" >/dev/null
"$lab" external "$host" "$ext" >/dev/null
netns=()
for i in 1 2; do
    # The pause-held pod runs in the foreground and prints its PID once its namespaces exist.
    "$lab" pod "jlab-pod$i-$suffix" >"$dir/pod$i.pid" &
    disown
    for _ in $(seq 100); do [ -s "$dir/pod$i.pid" ] && break; sleep 0.1; done
    pid=$(head -n1 "$dir/pod$i.pid")
    netns+=("/proc/$pid/ns/net")
    echo "pod$i: pause process $pid, CNI_NETNS=/proc/$pid/ns/net"
done

cat >"$dir/demo-net.json" <<JSON
{
    "cniVersion": "1.0.0",
    "name": "jcni-demo",
    "type": "bridge",
    "bridge": "jdemo0",
    "isDefaultGateway": true,
    "ipMasq": true,
    "ipam": {
        "type": "host-local",
        "dataDir": "$dir/ipam-$suffix",
        "ranges": [[{"subnet": "10.88.0.0/24"}], [{"subnet": "fd00:88::/64"}]]
    }
}
JSON
cni() { # COMMAND POD-INDEX [PLUGIN-DIR]: one call as a runtime makes it, timed
    local start end out
    start=$(date +%s%N)
    out=$(ip netns exec "$host" env -i CNI_COMMAND="$1" CNI_CONTAINERID="demo-pod$2" \
        CNI_NETNS="${netns[$2 - 1]}" CNI_IFNAME=eth0 CNI_PATH="$dir/bin" "${3:-$dir/bin}/bridge" <"$dir/demo-net.json")
    end=$(date +%s%N)
    [ -z "$out" ] || printf '%s\n' "$out"
    echo "($1 took $(((end - start) / 1000000)) ms, including 'ip netns exec')"
}

for i in 1 2; do
    step "ADD pod$i (network config: $dir/demo-net.json)"
    cni ADD "$i"
done

for i in 1 2; do
    step "pod$i: addresses and routes"
    nsenter --net="${netns[$i - 1]}" ip -br addr show dev eth0
    nsenter --net="${netns[$i - 1]}" ip route
    nsenter --net="${netns[$i - 1]}" ip -6 route show default
done

pod_ip() { # POD-INDEX -4|-6
    nsenter --net="${netns[$1 - 1]}" ip "$2" -o addr show dev eth0 scope global | awk '{print $4}' | cut -d/ -f1
}
step "pod1 -> pod2 (IPv4 and IPv6)"
nsenter --net="${netns[0]}" ping -c 1 -W 2 "$(pod_ip 2 -4)" | grep -E 'bytes from|loss'
nsenter --net="${netns[0]}" ping -6 -c 1 -W 2 "$(pod_ip 2 -6)" | grep -E 'bytes from|loss'

step "pod1 -> external 203.0.113.1; what the external side sees as the source"
ip netns exec "$ext" timeout 5 tcpdump -l -n -c 1 -i eth0 icmp 2>/dev/null >"$dir/capture.txt" &
capture=$!
sleep 1
nsenter --net="${netns[0]}" ping -c 1 -W 2 203.0.113.1 | grep -E 'bytes from|loss'
wait "$capture" || true
cat "$dir/capture.txt"
grep -q '203.0.113.2 > 203.0.113.1' "$dir/capture.txt" && echo "masqueraded: pod1 ($(pod_ip 1 -4)) appears as the host's 203.0.113.2"

step "masquerade rules in the sandbox host (reference chain names and comments)"
ip netns exec "$host" iptables-save -t nat | grep -E '^-A (POSTROUTING|CNI-)'

step "DEL pod1 through the daemon"
cni DEL 1
step "DEL pod2 one-shot (the JVM launcher the shim falls back to when no daemon answers)"
cni DEL 2 "$dir/lib/launchers"
step "after DEL: no veth, no rules, no reservations"
ip netns exec "$host" ip -br link show type veth | grep -v ext0 || echo "no pod veths left"
echo "masquerade rules left: $(ip netns exec "$host" iptables-save -t nat | grep -c -e '^-A CNI-' -e '-j CNI-' || true)"
ls "$dir/ipam-$suffix/jcni-demo" | grep -v -E '^(lock|last_reserved_ip)' || echo "no addresses reserved"

step "what the daemon measured (jcni daemon status), then stop it"
"$dir/cli/jcni" daemon status --socket "$dir/run/jcni.sock"
"$dir/cli/jcni" daemon stop --socket "$dir/run/jcni.sock"

echo
echo "demo: done; namespaces removed. Installed in $dir (remove it with: rm -rf $dir)"
