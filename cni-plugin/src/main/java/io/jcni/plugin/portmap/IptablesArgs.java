package io.jcni.plugin.portmap;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Arguments as one line of {@code iptables-restore} input: an argument with blanks, quotes or
 * nothing in it is double-quoted with {@code \} and {@code "} escaped, the way iptables-save
 * writes comments, so restore hands the rule the same argv as {@code iptables -A} would get.
 * Not specific to portmap.
 */
final class IptablesArgs {
    private IptablesArgs() {
    }

    static String line(List<String> args) {
        return args.stream().map(IptablesArgs::quote).collect(Collectors.joining(" "));
    }

    static String quote(String arg) {
        if (!arg.isEmpty() && arg.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\\' || c == '\'')) {
            return arg;
        }
        return "\"" + arg.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
