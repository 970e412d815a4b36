package io.jcni.conf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code CNI_ARGS}: ordered {@code K=V} pairs separated by {@code ;}. {@code IgnoreUnknown=1} (or
 * {@code true}) lets a plugin ignore keys it does not know.
 */
public record CniArgs(List<Map.Entry<String, String>> pairs) {
    public static final CniArgs EMPTY = new CniArgs(List.of());

    public CniArgs {
        pairs = List.copyOf(pairs);
    }

    /** Parses {@code CNI_ARGS}; a pair without {@code =} or with an empty key is error code 4. */
    public static CniArgs parse(String raw) throws CniException {
        if (raw == null || raw.isBlank()) {
            return EMPTY;
        }
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (String pair : raw.split(";")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new CniException(ErrorCode.INVALID_ENVIRONMENT,
                        "CNI_ARGS: invalid pair \"" + pair + "\": want KEY=VALUE");
            }
            out.add(Map.entry(pair.substring(0, eq), pair.substring(eq + 1)));
        }
        return new CniArgs(out);
    }

    public Optional<String> get(String key) {
        for (Map.Entry<String, String> e : pairs) {
            if (e.getKey().equals(key)) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    public boolean ignoreUnknown() {
        return get("IgnoreUnknown").map(v -> v.equals("1") || v.equalsIgnoreCase("true")).orElse(false);
    }

    /**
     * Fails with code 4 naming {@code CNI_ARGS} when a key is not in {@code known}, unless
     * {@code IgnoreUnknown} is set (the reference plugins' rule). {@code IgnoreUnknown} itself is
     * always known.
     */
    public void requireKnown(java.util.Set<String> known) throws CniException {
        if (ignoreUnknown()) {
            return;
        }
        for (Map.Entry<String, String> e : pairs) {
            if (!known.contains(e.getKey()) && !e.getKey().equals("IgnoreUnknown")) {
                throw new CniException(ErrorCode.INVALID_ENVIRONMENT, "CNI_ARGS: unknown key \"" + e.getKey()
                        + "\" (known: " + new java.util.TreeSet<>(known) + "; set IgnoreUnknown=1 to ignore it)");
            }
        }
    }

    /** The wire form, as passed on to a delegated plugin. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : pairs) {
            if (!sb.isEmpty()) {
                sb.append(';');
            }
            sb.append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
    }
}
