#!/usr/bin/env bash
# jcni demo, for now: builds, installs every plugin into a scratch directory and asks each one
# for VERSION the way a runtime does (empty environment, absolute path). The bridge plugin's
# issue turns this into a real pod-networking demo.
#   ./demo.sh [DIR]      install into DIR (default: a new directory under /tmp)
set -euo pipefail
cd "$(dirname "$0")"
dir=${1:-$(mktemp -d /tmp/jcni-demo.XXXXXX)}
./install.sh --bin-dir "$dir/bin" --lib-dir "$dir/lib"
for exe in "$dir"/bin/*; do
    printf '%-12s ' "$(basename "$exe")"
    env -i CNI_COMMAND=VERSION "$exe" </dev/null
done
echo "demo: installed in $dir (remove it with: rm -rf $dir)"
