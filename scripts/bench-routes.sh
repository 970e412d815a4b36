#!/bin/sh
# What `jcni daemon run --routes kubernetes` costs the daemon (docs/decisions.md, fabric8): classes
# loaded, RSS and the time until the daemon is warmed up and (with routes) the first Node list is
# applied, against fabric8's mock API server (scripts/MockApiServer.java) with N Nodes, next to
# `jcni daemon run` without routes. Runs the daemon in a scratch
# network namespace (its routes to 192.0.2.x go there, never into this machine's tables).
# Needs a build (./mvnw -DskipTests package -pl manager -am) and the jcni install that
# test-netns makes (test-netns/target/jcni), or LIB=DIR of another install.
# Then how long a Node added or deleted takes to reach this node's routes (ROUNDS, default 20).
# usage: scripts/bench-routes.sh [NODES]
set -eu
cd "$(dirname "$0")/.."
. scripts/jdk.sh
nodes=${1:-50}
lib=${LIB:-test-netns/target/jcni/lib}
[ -f "$lib/manager.args" ] || { echo "bench-routes.sh: no jcni install in $lib" >&2; exit 1; }
work=$(mktemp -d)
ns=jbench-routes-$$
cleanup() {
    [ -z "${mock_pid:-}" ] || kill "$mock_pid" 2>/dev/null || true
    ip netns del "$ns" 2>/dev/null || true
    [ -n "${KEEP:-}" ] && echo "kept $work" >&2 || rm -rf "$work"
}
trap cleanup EXIT
./mvnw -B -q -ntp -pl manager dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp" >/dev/null
ip netns add "$ns"
ip -n "$ns" link set lo up
ip -n "$ns" link add eth0 type veth peer name eth1
ip -n "$ns" link set eth0 up
ip -n "$ns" link set eth1 up
ip -n "$ns" addr add 192.0.2.254/24 dev eth0
# The mock server runs in the scratch namespace too, on its loopback.
mkfifo "$work/in"
ip netns exec "$ns" "$JAVA_HOME/bin/java" --sun-misc-unsafe-memory-access=allow -cp "$(cat "$work/cp")" \
    scripts/MockApiServer.java "$work/kubeconfig" 127.0.0.1 <"$work/in" >"$work/mock.out" 2>&1 &
mock_pid=$!
exec 3>"$work/in"
while ! grep -q ready "$work/mock.out"; do sleep 0.2; kill -0 "$mock_pid"; done
port=$(sed -n 's/^ready //p' "$work/mock.out")
i=1
while [ "$i" -le "$nodes" ]; do
    echo "node node-$i 192.0.2.$i 10.244.$i.0/24" >&3
    i=$((i + 1))
done
while [ "$(grep -c '^ok' "$work/mock.out")" -lt "$nodes" ]; do sleep 0.2; kill -0 "$mock_pid"; done
run() { # $1: label, $2: the log line that says ready, rest: extra daemon args
    label=$1; ready=$2; shift 2
    sock="$work/$label.sock"
    start=$(date +%s%N)
    ip netns exec "$ns" "$JAVA_HOME/bin/java" "@$lib/manager.args" "-Djcni.home=$lib" \
        -Xlog:class+load:file="$work/$label.classes" io.jcni.manager.cli.Main daemon run --socket "$sock" "$@" \
        >"$work/$label.log" 2>&1 &
    pid=$!
    # Ready: the daemon's warm-up done (it runs beside the Node watch) and the given line logged.
    until grep -q "warmed up" "$work/$label.log" 2>/dev/null && grep -q "$ready" "$work/$label.log"; do
        sleep 0.05
        kill -0 "$pid" 2>/dev/null || { cat "$work/$label.log" >&2; exit 1; }
    done
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
    sleep 1
    classes=$(wc -l <"$work/$label.classes")
    fabric8=$(grep -c -e 'io.fabric8' "$work/$label.classes" || true)
    routes=$(ip -n "$ns" route show proto 74 | wc -l)
    kill "$pid"; wait "$pid" || true
    printf '%-8s ready %5d ms  classes %5d (fabric8 %4d)  RSS %6d KiB  proto-74 routes %d\n' \
        "$label" "$ms" "$classes" "$fabric8" "$rss" "$routes"
}
echo "mock API server on 127.0.0.1:$port with $nodes Nodes"
run plain "listening on"
run routes "host-gw: watching" --routes kubernetes --node-name node-1 --kubeconfig "$work/kubeconfig"

# How long a Node added (or deleted) on the API server takes to become (or stop being) a route on
# this node: from the mock's "ok" (the object is stored and the watch event sent) until
# `ip route` shows it, polled every 5 ms, ROUNDS times each; median and max.
rounds=${ROUNDS:-20}
ip netns exec "$ns" "$JAVA_HOME/bin/java" "@$lib/manager.args" "-Djcni.home=$lib" io.jcni.manager.cli.Main \
    daemon run --socket "$work/latency.sock" --routes kubernetes --node-name node-1 --kubeconfig "$work/kubeconfig" \
    >"$work/latency.log" 2>&1 &
pid=$!
until grep -q "host-gw: watching" "$work/latency.log" 2>/dev/null; do sleep 0.05; kill -0 "$pid"; done
oks=$(grep -c '^ok' "$work/mock.out")
until_route() { # $1: the destination, $2: present|absent; prints the ms since the mock's ok
    oks=$((oks + 1))
    while [ "$(grep -c '^ok' "$work/mock.out")" -lt "$oks" ]; do :; done
    t0=$(date +%s%N)
    while :; do
        if ip -n "$ns" route show proto 74 | grep -q "^$1 "; then have=present; else have=absent; fi
        [ "$have" = "$2" ] && break
        sleep 0.005
    done
    echo $(( ($(date +%s%N) - t0) / 1000000 ))
}
: >"$work/add.ms"; : >"$work/del.ms"
i=1
while [ "$i" -le "$rounds" ]; do
    echo "node extra-$i 192.0.2.$((100 + i)) 10.250.$i.0/24" >&3
    until_route "10.250.$i.0/24" present >>"$work/add.ms"
    echo "delete extra-$i" >&3
    until_route "10.250.$i.0/24" absent >>"$work/del.ms"
    i=$((i + 1))
done
kill "$pid"; wait "$pid" || true
stats() { sort -n "$1" | awk '{v[NR]=$1} END {printf "median %d ms, max %d ms (%d rounds)", v[int((NR+1)/2)], v[NR], NR}'; }
echo "Node added -> route present: $(stats "$work/add.ms")"
echo "Node deleted -> route gone:  $(stats "$work/del.ms")"
printf 'manager jars: %s KiB in all, of which fabric8 and its own dependencies %s KiB\n' \
    "$(du -ck "$lib"/manager/*.jar | tail -1 | cut -f1)" \
    "$(du -ck "$lib"/manager/kubernetes-*.jar "$lib"/manager/zjsonpatch-*.jar "$lib"/manager/jackson-*-3.*.jar \
        "$lib"/manager/snakeyaml-engine-*.jar "$lib"/manager/slf4j-api-*.jar | tail -1 | cut -f1)"
