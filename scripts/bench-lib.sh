# What the hyperfine benchmarks (scripts/bench-*.sh) share: sourced from the repository root
# (`. scripts/bench-lib.sh`), not run. Globals it sets for the script: work, host, pod, netns,
# bench_args.

# Exits unless hyperfine is installed.
bench_need_hyperfine() {
    command -v hyperfine >/dev/null || { echo "$(basename "$0"): needs hyperfine (Debian: apt-get install hyperfine)" >&2; exit 1; }
}

# A scratch directory $work, removed at exit together with what bench_daemon_start and bench_lab
# made.
bench_work() {
    work=$(mktemp -d)
    trap bench_cleanup EXIT
}

bench_cleanup() {
    [ -z "${bench_daemon:-}" ] || "$work/cli/jcni" daemon stop --socket "$work/run/jcni.sock" >/dev/null 2>&1 || true
    [ -z "${host:-}" ] || "$bench_lab_sh" down "$pod" "$host" >/dev/null 2>&1 || true
    rm -rf "$work"
}

# Installs jcni with INSTALL-SH (./install.sh, or a release bundle's) into DIR: the shims in DIR/bin
# (they fall back to the JVM launchers in DIR/lib/launchers while no daemon runs), the jcni command
# in DIR/cli, the daemon's socket DIR/run/jcni.sock.
bench_install() { # INSTALL-SH DIR [INSTALL-OPTION...]
    local install=$1 dir=$2
    shift 2
    "$install" "$@" --bin-dir "$dir/bin" --lib-dir "$dir/lib" --cli-dir "$dir/cli" --socket "$dir/run/jcni.sock" >/dev/null
}

# Starts the daemon of the jcni installed in $work; bench_cleanup stops it.
bench_daemon_start() {
    bench_daemon=yes
    "$work/cli/jcni" daemon start --socket "$work/run/jcni.sock" >/dev/null
}

# The sandbox (test-netns/scripts/lab.sh), removed at exit: a host namespace $host for the plugins
# to run in and a bind-mounted pod namespace $pod at $netns for them to attach, named
# jt-PREFIXh-RANDOM and jt-PREFIXp-RANDOM so that concurrent runs never share one. The machine's
# root network namespace is never touched.
bench_lab() { # PREFIX
    local suffix
    suffix=$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')
    bench_lab_sh=$(pwd)/test-netns/scripts/lab.sh
    host=jt-$1h-$suffix
    pod=jt-$1p-$suffix
    "$bench_lab_sh" host "$host" >/dev/null
    "$bench_lab_sh" netns-pod "$pod" >/dev/null
    netns=$("$bench_lab_sh" path "$pod")
}

# Writes $work/pair.sh PLUGIN-DIR CONFIG: one ADD then one DEL of PLUGIN on the pod $netns, as a
# runtime makes them.
bench_pair_script() { # PLUGIN
    cat >"$work/pair.sh" <<PAIR
#!/bin/sh
set -e
export CNI_CONTAINERID=jcni-bench CNI_NETNS=$netns CNI_IFNAME=eth0 CNI_PATH="\$1"
CNI_COMMAND=ADD "\$1/$1" <"\$2" >/dev/null
CNI_COMMAND=DEL "\$1/$1" <"\$2" >/dev/null
PAIR
    chmod +x "$work/pair.sh"
}

# Adds `$work/pair.sh PAIR-ARG...` in $host, named LABEL, to bench_args (hyperfine's commands) after
# one run of it that must succeed: else exits, printing CONFIG-FILE.
bench_args=()
bench_variant() { # LABEL CONFIG-FILE PAIR-ARG...
    local label=$1 config=$2
    shift 2
    if ! ip netns exec "$host" "$work/pair.sh" "$@"; then
        echo "$(basename "$0" .sh): $label fails; config: $(cat "$config")" >&2
        exit 1
    fi
    bench_args+=(-n "$label" "ip netns exec $host $work/pair.sh $*")
}

# hyperfine without a shell, its own output discarded: the results go to JSON for bench_report.
bench_hyperfine() { # JSON WARMUP RUNS HYPERFINE-ARG...
    local json=$1 warmup=$2 runs=$3
    shift 3
    hyperfine -N --style none --warmup "$warmup" --runs "$runs" --export-json "$json" "$@" >/dev/null
}

# A table of hyperfine's JSON: per command median, min and CPU time (user + system, which says more
# than wall time when other work shares the cores), commands padded to WIDTH. With `ratios`, also
# the median over the reference's (the command whose name starts with "reference"; where there are
# two, the one that, like the command, does or does not say ipMasq).
bench_report() { # JSON WIDTH [ratios]
    python3 - "$@" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
width, ratios = int(sys.argv[2]), len(sys.argv) > 3
ref = {('ipMasq' in r['command']): r['median'] for r in results if r['command'].startswith('reference')}
print(f"{'command':{width}} {'median ms':>10} {'min ms':>8} {'cpu ms':>8}" + (f" {'x ref':>6}" if ratios else ""))
for r in results:
    cpu = (r['user'] + r['system']) * 1000
    row = f"{r['command']:{width}} {r['median'] * 1000:10.1f} {r['min'] * 1000:8.1f} {cpu:8.1f}"
    if ratios:
        base = ref.get('ipMasq' in r['command'])
        row += f" {r['median'] / base:6.2f}" if base else " "
    print(row)
PY
}
