#!/usr/bin/env bash
# jcni demo: the pod internals of the seed talk, built by hand with `jcni pod`. It installs the
# Debian tools it uses when they are missing, builds and installs jcni into a scratch directory,
# starts the bridge manager daemon (jcni daemon) for the run, and makes a sandbox "node" (a network
# namespace) with an "outside world" behind it (test-netns/scripts/lab.sh). On that node it makes
# two pods: a pause process holds each pod's namespaces, containers (jcni pod exec) join them and
# share localhost, IPC and hostname, jcni's bridge plugin connects the pods, masquerade takes them
# outside. It prints what each network call took (through the daemon, and one-shot), removes the
# pods and everything else, and stops the daemon. The machine's own root network namespace is
# never touched.
#   ./demo.sh [DIR]      install into DIR (default: a new directory under /tmp)
set -euo pipefail
cd "$(dirname "$0")"
dir=${1:-$(mktemp -d /tmp/jcni-demo.XXXXXX)}
lab=$(pwd)/test-netns/scripts/lab.sh
suffix=$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
host=jlab-host-$suffix
ext=jlab-ext-$suffix
web=web-$suffix
db=db-$suffix
state=$dir/pods-$suffix

cleanup() {
    set +e
    if [ -x "$dir/cli/jcni" ] && [ -d "$state" ]; then
        for pod in "$web" "$db"; do
            [ ! -d "$state/$pod" ] || jcni_pod rm --force "$pod" >/dev/null 2>&1
        done
    fi
    [ ! -x "$dir/cli/jcni" ] || "$dir/cli/jcni" daemon stop --socket "$dir/run/jcni.sock" >/dev/null 2>&1
    "$lab" down "$ext" "$host" >/dev/null 2>&1
    rm -rf "$dir/ipam-$suffix" "$dir/cache-$suffix" "$dir/net.d-$suffix" "$state"
}
trap cleanup EXIT

step() { printf '\n== %s\n' "$*"; }
say() { printf '   %s\n' "$*"; }
# Runs a command on the sandbox node. nsenter --net, not ip netns exec: ip netns exec would give
# jcni a private mount namespace, and the pods' bind-mounted netns files would vanish with it.
on_host() { nsenter --net="/run/netns/$host" "$@"; }
jcni_pod() { # SUBCOMMAND ARGS...: jcni pod on the node, the pods tracked in $state
    local sub=$1
    shift
    on_host env CNI_PATH="$dir/bin" CNI_CACHEDIR="$dir/cache-$suffix" "$dir/cli/jcni" pod "$sub" --state-dir "$state" "$@"
}
in_pod() { # POD COMMAND...: a "container" of the pod
    local pod=$1
    shift
    jcni_pod exec "$pod" -- "$@"
}

if [ "$(id -u)" != 0 ]; then
    echo "demo.sh: run as root (sudo ./demo.sh): it creates network namespaces." >&2
    exit 1
fi
# The tools the demo runs; a fresh Debian machine with only a JDK has none of them.
packages=(iproute2 iptables iputils-ping tcpdump procps util-linux busybox gcc libc6-dev)
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

step "start the bridge manager: jcni daemon (the plugin executables in $dir/bin forward every call to it)"
"$dir/cli/jcni" daemon start --socket "$dir/run/jcni.sock"

step "a sandbox node: network namespace $host, with an outside world $ext (203.0.113.1) behind it"
"$lab" host "$host" >/dev/null
"$lab" external "$host" "$ext" >/dev/null
say "everything below happens inside these namespaces; this machine's own network is left alone"

mkdir -p "$dir/net.d-$suffix"
cat >"$dir/net.d-$suffix/10-demo.conflist" <<JSON
{
    "cniVersion": "1.0.0",
    "name": "demo",
    "plugins": [{
        "type": "bridge",
        "bridge": "jdemo0",
        "isDefaultGateway": true,
        "ipMasq": true,
        "ipam": {
            "type": "host-local",
            "dataDir": "$dir/ipam-$suffix",
            "ranges": [[{"subnet": "10.88.0.0/24"}], [{"subnet": "fd00:88::/64"}]]
        }
    }]
}
JSON
step "the pods' network, as a runtime reads it: $dir/net.d-$suffix/10-demo.conflist"
say "jcni's bridge plugin puts each pod on the bridge jdemo0, host-local gives it addresses,"
say "ipMasq masquerades what leaves for the outside"

step "pod $web: a pause process in new net, ipc and uts namespaces, attached to the network"
created=$(jcni_pod create "$web" --conf-dir "$dir/net.d-$suffix")
sed 's/^/   /' <<<"$created"
web_pid=$(sed -n 's/.*pause process \([0-9]*\).*/\1/p' <<<"$created")
say "the pause process only sleeps: it exists to hold the namespaces"
ps -o pid=,args= -p "$web_pid" | sed 's/^/   /'
for ns in net ipc uts; do
    say "$ns namespace: pause process $(readlink "/proc/$web_pid/ns/$ns"), this shell $(readlink "/proc/self/ns/$ns")"
done

step "containers join the pod: jcni pod exec $web -- COMMAND (nsenter into the pause process's namespaces)"
say "its hostname (uts namespace):  $(in_pod "$web" uname -n)"
say "its interfaces (net namespace):"
in_pod "$web" ip -br addr | sed 's/^/     /'
say "container 1 serves on 127.0.0.1:8080; container 2 fetches from 127.0.0.1:8080 - one localhost"
echo "hello from container 1" >"$dir/hello-$suffix.txt"
in_pod "$web" timeout 10 busybox nc -l -p 8080 <"$dir/hello-$suffix.txt" >/dev/null 2>&1 &
server=$!
for _ in $(seq 50); do in_pod "$web" busybox netstat -ltn | grep -q ':8080 ' && break; sleep 0.2; done
say "container 2 got: $(in_pod "$web" busybox nc -w 3 127.0.0.1 8080)"
wait "$server" 2>/dev/null || true
rm -f "$dir/hello-$suffix.txt"
shm=$(in_pod "$web" ipcmk -M 4096 | awk '{print $NF}')
say "container 1 made shared memory $shm (ipc namespace); container 2 sees it:"
in_pod "$web" ipcs -m | awk -v id="$shm" '$2 == id' | sed 's/^/     /'

step "pod $db, with its own PID namespace too (jcni pod create --pid)"
jcni_pod create "$db" --pid --conf-dir "$dir/net.d-$suffix" | sed 's/^/   /'
say "inside $db, the pause process is PID 1 and a container's shell is $(in_pod "$db" sh -c 'echo "PID $$"')"
say "$db's shared memory: $(in_pod "$db" ipcs -m | awk 'NR > 3 && NF' | wc -l) segments (its own ipc namespace)"

pod_ip() { # POD -4|-6
    in_pod "$1" ip "$2" -o addr show dev eth0 scope global | awk '{print $4}' | cut -d/ -f1
}
step "the bridge connects the pods: $web -> $db (IPv4 and IPv6)"
in_pod "$web" ping -c 1 -W 2 "$(pod_ip "$db" -4)" | grep -E 'bytes from|loss' | sed 's/^/   /'
in_pod "$web" ping -6 -c 1 -W 2 "$(pod_ip "$db" -6)" | grep -E 'bytes from|loss' | sed 's/^/   /'

step "masquerade takes pods outside: $web -> 203.0.113.1; what the outside sees as the source"
ip netns exec "$ext" timeout 5 tcpdump -l -n -c 1 -i eth0 icmp 2>/dev/null >"$dir/capture-$suffix.txt" &
capture=$!
sleep 1
in_pod "$web" ping -c 1 -W 2 203.0.113.1 | grep -E 'bytes from|loss' | sed 's/^/   /'
wait "$capture" || true
sed 's/^/   /' "$dir/capture-$suffix.txt"
grep -q '203.0.113.2 > 203.0.113.1' "$dir/capture-$suffix.txt" &&
    say "masqueraded: $web ($(pod_ip "$web" -4)) appears as the node's 203.0.113.2"
rm -f "$dir/capture-$suffix.txt"
say "the node's masquerade rules (the reference plugins' chain names and comments):"
on_host iptables-save -t nat | grep -E '^-A (POSTROUTING|CNI-)' | sed 's/^/     /'

step "the pods (jcni pod ls; -o json for scripts)"
jcni_pod ls | sed 's/^/   /'

step "remove $web: DEL through the daemon, then its pause process ends"
jcni_pod rm "$web" | sed 's/^/   /'
step "what the daemon measured (jcni daemon status), then stop it"
"$dir/cli/jcni" daemon status --socket "$dir/run/jcni.sock"
"$dir/cli/jcni" daemon stop --socket "$dir/run/jcni.sock"
step "remove $db one-shot: with no daemon, the plugin executables run a JVM of their own"
jcni_pod rm "$db" | sed 's/^/   /'

step "after rm: no pods, no veths, no rules, no reservations"
jcni_pod ls | sed 's/^/   /'
on_host ip -br link show type veth | grep -v ext0 || say "no pod veths left"
say "masquerade rules left: $(on_host iptables-save -t nat | grep -c -e '^-A CNI-' -e '-j CNI-' || true)"
ls "$dir/ipam-$suffix/demo" 2>/dev/null | grep -v -E '^(lock|last_reserved_ip)' || say "no addresses reserved"

echo
echo "demo: done; namespaces removed. Installed in $dir (remove it with: rm -rf $dir)"
