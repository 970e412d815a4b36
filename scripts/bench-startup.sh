#!/usr/bin/env bash
# Benchmark (not a test): median wall time of a CNI VERSION call for our installed plugin (with
# the AOT cache, without it, and as a bare `java -cp` without our JVM flags) beside the reference
# Go plugin in /usr/lib/cni. Installs into a scratch directory first. Numbers go to
# docs/performance.md by hand.
#   scripts/bench-startup.sh [TYPE]      TYPE defaults to bridge, else the first installed type
#   RUNS=50 scripts/bench-startup.sh     more runs (default 30)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/bench-lib.sh
bench_need_hyperfine
runs=${RUNS:-30}
bench_work

bench_install ./install.sh "$work"
# One-shot startup: the JVM launchers (bin/ holds the shims, which exec them when no daemon runs;
# daemon mode is measured by bench-adddel.sh).
launchers=$work/lib/launchers
type=${1:-bridge}
if [ ! -x "$launchers/$type" ]; then
    type=$(ls "$launchers" | head -n 1)
fi
reference=/usr/lib/cni/$type
java=$(cat "$work/lib/java-home")/bin/java

# The same launcher minus the AOT cache, and the plain JVM with no flags at all.
sed 's/ .-XX:AOTCache=[^ ]*//' "$launchers/$type" >"$work/no-aot"
cp="$(tail -n 1 "$work/lib/jvm.args")"
printf '#!/bin/sh\nexec %s -cp %s io.jcni.plugin.launch.Main %s\n' "$java" "$cp" "$type" >"$work/plain"
chmod +x "$work/no-aot" "$work/plain"

bench_args+=(-n "jcni $type, AOT cache" "$launchers/$type" -n "jcni $type, no AOT cache" "$work/no-aot"
    -n "jcni $type, plain java" "$work/plain")
if [ -x "$reference" ]; then
    bench_args+=(-n "reference $reference" "$reference")
fi

echo "VERSION, $runs runs each, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
CNI_COMMAND=VERSION bench_hyperfine "$work/result.json" 3 "$runs" "${bench_args[@]}"
python3 - "$work/result.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
ref = next((r["median"] for r in results if r["command"].startswith("reference")), None)
# CPU time (user + system) says more than wall time when other work shares the cores.
print(f"{'command':45} {'median ms':>10} {'min ms':>8} {'cpu ms':>8} {'x reference':>12}")
for r in results:
    ratio = f"{r['median'] / ref:.1f}" if ref else "-"
    cpu = (r['user'] + r['system']) * 1000
    print(f"{r['command']:45} {r['median'] * 1000:10.1f} {r['min'] * 1000:8.1f} {cpu:8.1f} {ratio:>12}")
PY
