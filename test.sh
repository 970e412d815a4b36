#!/usr/bin/env bash
# Runs jcni's whole test suite against the real kernel. Needs root: the tests create (and always
# remove) network namespaces. Installs the Debian packages the tests use when they are missing,
# builds cnitool and the cri client from ../shared/tools, runs ./mvnw verify, and fails if the machine's root
# network namespace is not exactly as it was before.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
if [ "$(id -u)" != 0 ]; then
    echo "test.sh: run as root (sudo ./test.sh): the tests create network namespaces." >&2
    exit 1
fi
. scripts/jdk.sh

packages=(iproute2 iptables nftables iputils-ping tcpdump procps util-linux psmisc
          containernetworking-plugins containerd runc busybox-static python3
          golang-go golang-github-appc-cni-dev)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "test.sh: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

mkdir -p build/tools
cnitool_src=../shared/tools/cnitool
if [ ! -x build/tools/cnitool ] || [ "$cnitool_src/main.go" -nt build/tools/cnitool ]; then
    sh "$cnitool_src/build.sh" "$root/build/tools/cnitool"
fi
export JCNI_CNITOOL="$root/build/tools/cnitool"
# the CRI client of the CRI suite (CriE2eTest), built like cnitool
cri_src=../shared/tools/cri
if [ ! -x build/tools/cri ] || [ "$cri_src/main.go" -nt build/tools/cri ] || [ "$cri_src/runtime.proto" -nt build/tools/cri ]; then
    sh "$cri_src/build.sh" "$root/build/tools/cri"
fi
export JCNI_CRI="$root/build/tools/cri"

before=$(mktemp); after=$(mktemp)
trap 'rm -f "$before" "$after"' EXIT
test-netns/scripts/root-ns-state.sh >"$before"

status=0
./mvnw -B -ntp verify "$@" || status=$?

test-netns/scripts/root-ns-state.sh >"$after"
if ! diff -u "$before" "$after" >&2; then
    echo "test.sh: FAILED: the test run changed the root network namespace (diff above)." >&2
    [ "$status" != 0 ] || status=1
else
    echo "test.sh: root network namespace unchanged."
fi
exit $status
