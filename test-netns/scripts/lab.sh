#!/usr/bin/env bash
# jcni's ip netns lab: a sandbox "host" network namespace, an "external" network joined to it by a
# veth pair, and pods (pause-held or bind-mounted network namespaces) for CNI plugins to connect.
# Everything lives in namespaces this script creates; the machine's root namespace is never
# touched (no links, addresses, routes, firewall rules or sysctls there).
#
#   lab.sh host NAME             sandbox host namespace (lo up); the plugins run inside it
#   lab.sh external HOST NAME    namespace NAME joined to HOST by a veth pair:
#                                NAME/eth0 203.0.113.1/24 2001:db8:ff::1/64,
#                                HOST/ext0 203.0.113.2/24 2001:db8:ff::2/64
#   lab.sh pod NAME              pause-held pod: runs in the FOREGROUND as a process in fresh
#                                net+ipc+uts namespaces; prints its PID once the namespaces exist
#                                (CNI_NETNS=/proc/PID/ns/net). Background it (&): its parent reaps it.
#   lab.sh netns-pod NAME        bind-mounted pod namespace (CNI_NETNS=/var/run/netns/NAME)
#   lab.sh path NAME             prints the network namespace path of NAME (any kind above)
#   lab.sh down NAME...          removes each NAME (any kind above); absent names are fine
#
# Names: letters, digits, '_', '.', '-'; at most 48 characters. Use a prefix and a random suffix
# (jt- for tests, jlab- for the demo) so that concurrent runs never share a name.
set -euo pipefail

die() {
    echo "lab.sh: $*" >&2
    exit 1
}

# Undo stack: commands that remove what a half-done creation made, run only if the script fails.
undo=()
on_exit() {
    local rc=$? i
    if ((rc != 0)); then
        for ((i = ${#undo[@]} - 1; i >= 0; i--)); do
            eval "${undo[i]}" >/dev/null 2>&1 || true
        done
    fi
}
trap on_exit EXIT

check_name() {
    [[ $1 =~ ^[A-Za-z0-9][A-Za-z0-9_.-]{0,47}$ ]] ||
        die "bad name '$1': want letters, digits, '_', '.', '-', at most 48 characters"
}

netns_exists() {
    [ -e "/var/run/netns/$1" ]
}

# The pause process is recognisable by its whole command line, so that down never kills
# anything it did not start (PIDs are reused).
pause_marker() {
    echo "jlab-pause:$1"
}

pause_pid() {
    local marker
    marker=$(pause_marker "$1")
    # The marker ends the command line at every stage: unshare ..., bash -c ..., then sleep.
    pgrep -f "(^| )${marker//./\\.}( infinity)?\$" || true
}

new_netns() {
    check_name "$1"
    ! netns_exists "$1" || die "namespace $1 already exists"
    [ -z "$(pause_pid "$1")" ] || die "pod $1 already exists"
    ip netns add "$1"
    undo+=("ip netns del '$1'")
}

cmd_host() {
    (($# == 1)) || die "usage: host NAME"
    new_netns "$1"
    ip -n "$1" link set lo up
}

cmd_external() {
    (($# == 2)) || die "usage: external HOST NAME"
    local host=$1 name=$2
    netns_exists "$host" || die "no sandbox host namespace $host"
    ! ip -n "$host" link show ext0 >/dev/null 2>&1 || die "host $host already has an external network (ext0)"
    new_netns "$name"
    ip -n "$name" link set lo up
    # Created inside the host namespace, the peer moved straight to NAME: deleting NAME removes both.
    ip -n "$host" link add ext0 type veth peer name eth0 netns "$name"
    ip -n "$name" addr add 203.0.113.1/24 dev eth0
    ip -n "$name" addr add 2001:db8:ff::1/64 dev eth0 nodad
    ip -n "$host" addr add 203.0.113.2/24 dev ext0
    ip -n "$host" addr add 2001:db8:ff::2/64 dev ext0 nodad
    ip -n "$name" link set eth0 up
    ip -n "$host" link set ext0 up
}

cmd_pod() {
    (($# == 1)) || die "usage: pod NAME"
    local name=$1
    check_name "$name"
    ! netns_exists "$name" || die "namespace $name already exists"
    [ -z "$(pause_pid "$name")" ] || die "pod $name already exists"
    # unshare creates the namespaces and execs bash in them; bash prints its PID (the same process
    # all along) once they exist, lets go of stdout, and becomes the pause process.
    exec unshare --net --ipc --uts -- bash -c 'echo $$; exec >/dev/null 2>&1 </dev/null; exec -a "$0" sleep infinity' \
        "$(pause_marker "$name")"
}

cmd_netns_pod() {
    (($# == 1)) || die "usage: netns-pod NAME"
    new_netns "$1"
}

cmd_path() {
    (($# == 1)) || die "usage: path NAME"
    local pid
    pid=$(pause_pid "$1")
    if [ -n "$pid" ]; then
        echo "/proc/$pid/ns/net"
    elif netns_exists "$1"; then
        echo "/var/run/netns/$1"
    else
        die "no lab namespace or pod named $1"
    fi
}

# Stops a pause process and waits until it has exited (its parent reaps it).
stop_pause() {
    local pid=$1 i
    kill "$pid" 2>/dev/null || return 0
    for ((i = 0; i < 100; i++)); do
        [ -e "/proc/$pid" ] && [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != Z ] || return 0
        sleep 0.05
    done
    kill -KILL "$pid" 2>/dev/null || true
}

cmd_down() {
    local name pid
    for name in "$@"; do
        check_name "$name"
        for pid in $(pause_pid "$name"); do
            stop_pause "$pid"
        done
        if netns_exists "$name"; then
            ip netns del "$name"
        fi
    done
}

(($# >= 1)) || die "usage: lab.sh host|external|pod|netns-pod|path|down ARGS (see the header of $0)"
cmd=$1
shift
case "$cmd" in
host) cmd_host "$@" ;;
external) cmd_external "$@" ;;
pod) cmd_pod "$@" ;;
netns-pod) cmd_netns_pod "$@" ;;
path) cmd_path "$@" ;;
down) cmd_down "$@" ;;
*) die "unknown command '$cmd': want host, external, pod, netns-pod, path or down" ;;
esac
undo=()
