#!/usr/bin/env bash
# Prints the state of the machine's root network namespace that the test suite must leave as it
# found it: links, addresses, routes, rules, firewall, network sysctls and named namespaces.
# Counters and other values the kernel changes by itself are left out.
set -u
echo "## links"
ip -o link show | sed -E 's/^[0-9]+: //; s/ qlen [0-9]+//' | sort
echo "## addresses"
ip -o addr show | sed -E 's/^[0-9]+: //; s/valid_lft [^ ]+ preferred_lft [^ ]+//' | sort
echo "## routes"
ip -4 route show table all | sort
ip -6 route show table all | grep -v -e '^local ' -e ' proto kernel ' | sort
echo "## rules"
ip -4 rule show; ip -6 rule show
echo "## iptables"
for t in iptables-save ip6tables-save; do
    command -v $t >/dev/null && $t 2>/dev/null | grep -v '^#' | sed -E 's/\[[0-9]+:[0-9]+\]//'
done
echo "## nftables"
command -v nft >/dev/null && nft list ruleset 2>/dev/null
echo "## sysctls"
sysctl -a 2>/dev/null | grep -E '^net\.(ipv4\.(ip_forward|conf\.)|ipv6\.conf\.|bridge\.)' \
    | grep -v -E '\.(stable_secret) ' | sort
echo "## named namespaces"
ip netns list 2>/dev/null | sort
