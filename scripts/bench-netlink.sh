#!/usr/bin/env bash
# Benchmark (not a test): create, configure (address, up, master) and delete PAIRS veth pairs on
# a bridge in a scratch namespace, with our netlink API and with `ip -batch` in one process;
# prints medians. Needs root; touches only the jt-bench-* namespaces it creates and removes.
# Numbers go to docs/performance.md by hand.
#   scripts/bench-netlink.sh [PAIRS] [RUNS]      defaults: 500 pairs, 7 runs
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
./mvnw -B -q -o test-compile -pl netlink
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
    -cp netlink/target/classes:netlink/target/test-classes \
    io.jcni.netlink.bench.VethChurnBenchmark "${1:-500}" "${2:-7}"
