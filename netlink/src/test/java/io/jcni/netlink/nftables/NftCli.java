package io.jcni.netlink.nftables;

import io.jcni.netlink.testing.ScratchNamespace;

/** Runs the nft command inside a scratch namespace (never the root one): the oracle of these tests. */
final class NftCli {
    private NftCli() {
    }

    /** {@code ip netns exec NS nft ARGS...}; fails the test unless nft exits 0. Returns stdout. */
    static String run(ScratchNamespace ns, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "nft";
        System.arraycopy(args, 0, command, 1, args.length);
        return ns.exec(command);
    }

    /** Loads a ruleset with {@code nft -f -} (from stdin). */
    static void load(ScratchNamespace ns, String ruleset) {
        ns.execInput(ruleset, "nft", "-f", "-");
    }
}
