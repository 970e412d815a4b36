#!/usr/bin/env bash
# jcni's reliability suite (docs/reliability.md): the crowd, crash injection (plugin calls and the
# daemon killed), hostile input, the full store, the reboot, the parser fuzzer and the daemon
# under stress, against the installed executables, one-shot and through the daemon.
#
#   scripts/reliability.sh [--short|--long] [maven args...]
#
# --short (default): the counts ./mvnw verify runs them with (they are ordinary tests there).
# --long: the figures of docs/reliability.md: 200 pods, 1000 crash cycles, every hostile case in
# both modes, 100 000 fuzz inputs, 10 000 daemon calls; single counts can be lowered for a small
# machine, e.g. -Djcni.reliability.cycles=300 (see Scale.java). Needs root, like ./test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=short
case "${1:-}" in
    --short) shift ;;
    --long) mode=long; shift ;;
esac
if [ "$(id -u)" != 0 ]; then
    echo "reliability.sh: run as root: the tests create network namespaces." >&2
    exit 1
fi
. scripts/jdk.sh
if [ -z "${JCNI_CNITOOL:-}" ]; then
    mkdir -p build/tools
    [ -x build/tools/cnitool ] || sh ../shared/tools/cnitool/build.sh "$PWD/build/tools/cnitool"
    export JCNI_CNITOOL="$PWD/build/tools/cnitool"
fi
props=(-Djcni.reliability="$mode")
if [ "$mode" = long ]; then
    # 1000 crash cycles take longer than the 5 minutes a test may take in ./mvnw verify.
    props+=(-Djcni.fuzz.tries=100000 -Djcni.stress.calls=10000 -Djunit.jupiter.execution.timeout.default=3h)
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
rm -f test-netns/target/reliability/figures.txt
status=0
./mvnw -B -ntp verify -pl conf,manager,test-netns -am \
    -Dtest='ParserFuzzTest,**/reliability/*Test' -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test='DaemonIT#thousands*+aFlood*' -Dfailsafe.failIfNoSpecifiedTests=false \
    "${props[@]}" "$@" 2>&1 | tee "$log" || status=$?
echo
echo "== reliability figures ($mode mode) =="
grep -h '^ParserFuzzTest:' "$log" || true
grep -h '^\[daemon stress\]' "$log" || true
cat test-netns/target/reliability/figures.txt 2>/dev/null || true
exit $status
