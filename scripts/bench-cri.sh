#!/usr/bin/env bash
# Benchmark (not a test): RunPodSandbox and StopPodSandbox+RemovePodSandbox latency through
# containerd's CRI (shared/tools/cri: cri-lab.sh and the cri client) with loopback + bridge/portmap/
# bandwidth (a hostPort and a bandwidth annotation per pod), for the reference plugins, jcni one-shot
# and jcni through its daemon; medians side by side. Installs jcni into a scratch directory first
# (the build output must exist: ./mvnw -DskipTests package). Numbers go to docs/performance.md by hand.
#   scripts/bench-cri.sh            RUNS=20 (default 10) pods per configuration, one after another
#   CRI=path/to/cri                 the client (default build/tools/cri, built when missing)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
runs=${RUNS:-10}
lab=$root/../shared/tools/cri
export CRI=${CRI:-$root/build/tools/cri}
[ -x "$CRI" ] || sh "$lab/build.sh" "$CRI" >/dev/null
work=$(mktemp -d /tmp/bench-cri.XXXXXX)
daemon=no
cleanup() {
    [ "$daemon" = no ] || "$work/cli/jcni" daemon stop --socket "$work/run/jcni.sock" >/dev/null 2>&1 || true
    [ ! -d "$work/lab" ] || "$lab/cri-lab.sh" down "$work/lab" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
./install.sh --no-build --bin-dir "$work/jcni/bin" --lib-dir "$work/jcni/lib" --cli-dir "$work/cli" \
    --socket "$work/run/jcni.sock" >/dev/null

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# one configuration: its own lab with BIN as the bin dir; prints "runp-median stop+rm-median"
measure() {
    local bin=$1 i t id
    rm -rf "$work/conf" "$work/ipam" "$work/pods" && mkdir -p "$work/conf" "$work/ipam" "$work/pods"
    cat >"$work/conf/10-bench.conflist" <<JSON
{"cniVersion": "1.0.0", "name": "bench", "plugins": [
  {"type": "bridge", "bridge": "cni0", "isGateway": true, "ipMasq": true,
   "ipam": {"type": "host-local", "ranges": [[{"subnet": "10.97.0.0/24"}], [{"subnet": "fd00:97::/64"}]],
            "routes": [{"dst": "0.0.0.0/0"}], "dataDir": "$work/ipam"}},
  {"type": "portmap", "capabilities": {"portMappings": true}},
  {"type": "bandwidth", "capabilities": {"bandwidth": true}}]}
JSON
    eval "$("$lab/cri-lab.sh" up "$work/lab" --conf-dir "$work/conf" --bin-dir "$bin" 2>/dev/null)"
    : >"$work/runp" && : >"$work/stop"
    for i in $(seq 0 "$runs"); do
        cat >"$work/pods/$i.json" <<JSON
{"metadata": {"name": "bench-$i", "namespace": "default", "uid": "00000000-0000-4000-8000-$(printf %012d "$i")", "attempt": 0},
 "log_directory": "$work/pods/logs", "port_mappings": [{"protocol": "TCP", "container_port": 80, "host_port": 8080}],
 "annotations": {"kubernetes.io/ingress-bandwidth": "10M"},
 "linux": {"security_context": {"namespace_options": {"network": "POD", "pid": "CONTAINER", "ipc": "POD"}}}}
JSON
        t=$(date +%s%N); id=$("$CRI" --socket "$CRI_SOCKET" runp "$work/pods/$i.json"); r=$(ms "$t")
        t=$(date +%s%N); "$CRI" --socket "$CRI_SOCKET" stopp "$id" >/dev/null; "$CRI" --socket "$CRI_SOCKET" rmp "$id" >/dev/null; s=$(ms "$t")
        # the first pod (bridge created, caches cold) is a warm-up
        [ "$i" = 0 ] || { echo "$r" >>"$work/runp"; echo "$s" >>"$work/stop"; }
    done
    "$lab/cri-lab.sh" down "$work/lab" >/dev/null 2>&1
    echo "$(median <"$work/runp") $(median <"$work/stop")"
}

mkdir -p "$work/ref"
for p in loopback bridge host-local portmap bandwidth; do ln -s "/usr/lib/cni/$p" "$work/ref/$p"; done
echo "RunPodSandbox / StopPodSandbox+RemovePodSandbox, loopback + bridge, portmap, bandwidth; $runs pods each (after one warm-up), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
read -r ref_run ref_stop < <(measure "$work/ref")
read -r one_run one_stop < <(measure "$work/jcni/bin")
"$work/cli/jcni" daemon start --socket "$work/run/jcni.sock" >/dev/null
daemon=yes
read -r d_run d_stop < <(measure "$work/jcni/bin")
printf '%-22s %16s %10s %22s %10s\n' plugins "RunPodSandbox ms" "x ref" "Stop+Remove ms" "x ref"
row() { printf '%-22s %16s %10s %22s %10s\n' "$1" "$2" "$(awk -v a="$2" -v b="$ref_run" 'BEGIN {printf "%.2f", a / b}')" \
    "$3" "$(awk -v a="$3" -v b="$ref_stop" 'BEGIN {printf "%.2f", a / b}')"; }
row reference "$ref_run" "$ref_stop"
row "jcni one-shot" "$one_run" "$one_stop"
row "jcni daemon" "$d_run" "$d_stop"
