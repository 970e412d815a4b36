package io.jcni.conf;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the {@code CNI_*} variables and stdin of one invocation into a {@link Request}, by the
 * spec's rules, keeping the whole environment in the request for the processes plugins start.
 * Every violation is code 4 naming the variable. Only the dispatcher calls this;
 * it receives the environment as a map so it never reads the process itself.
 */
public final class CniEnvironment {
    public static final String COMMAND = "CNI_COMMAND";
    public static final String CONTAINER_ID = "CNI_CONTAINERID";
    public static final String NETNS = "CNI_NETNS";
    public static final String IFNAME = "CNI_IFNAME";
    public static final String ARGS = "CNI_ARGS";
    public static final String PATH = "CNI_PATH";

    private CniEnvironment() {
    }

    public static Request parse(Map<String, String> env, byte[] stdin) throws CniException {
        Verb verb = verb(env.get(COMMAND));
        boolean attachment = verb == Verb.ADD || verb == Verb.DEL || verb == Verb.CHECK;
        String containerId = "";
        String ifname = "";
        Optional<String> netns = Optional.empty();
        if (attachment) {
            containerId = required(env, CONTAINER_ID, verb);
            fail(CONTAINER_ID, Identifiers.checkContainerId(containerId));
            ifname = required(env, IFNAME, verb);
            fail(IFNAME, Identifiers.checkIfname(ifname));
            netns = Optional.ofNullable(env.get(NETNS)).filter(s -> !s.isEmpty());
            if (netns.isEmpty() && verb != Verb.DEL) {
                throw new CniException(ErrorCode.INVALID_ENVIRONMENT, NETNS + " is required for " + verb);
            }
        }
        CniArgs args = verb == Verb.VERSION ? CniArgs.EMPTY : CniArgs.parse(env.get(ARGS));
        return Request.builder(verb).containerId(containerId).netns(netns).ifname(ifname).args(args)
                .path(path(env.get(PATH))).config(stdin).environment(env).build();
    }

    private static Verb verb(String command) throws CniException {
        if (command == null || command.isEmpty()) {
            throw new CniException(ErrorCode.INVALID_ENVIRONMENT, COMMAND + " is required");
        }
        for (Verb v : Verb.values()) {
            if (v.name().equals(command)) {
                return v;
            }
        }
        throw new CniException(ErrorCode.INVALID_ENVIRONMENT, COMMAND + ": unknown command \"" + command
                + "\" (expected ADD, DEL, CHECK, VERSION, STATUS or GC)");
    }

    private static String required(Map<String, String> env, String name, Verb verb) throws CniException {
        String value = env.get(name);
        if (value == null || value.isEmpty()) {
            throw new CniException(ErrorCode.INVALID_ENVIRONMENT, name + " is required for " + verb);
        }
        return value;
    }

    private static void fail(String name, Optional<String> problem) throws CniException {
        if (problem.isPresent()) {
            throw new CniException(ErrorCode.INVALID_ENVIRONMENT, name + ": " + problem.get());
        }
    }

    /** Colon-separated directories; empty entries are dropped. */
    private static List<Path> path(String raw) throws CniException {
        List<Path> out = new ArrayList<>();
        if (raw == null) {
            return out;
        }
        for (String dir : raw.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            try {
                out.add(Path.of(dir));
            } catch (InvalidPathException e) {
                throw new CniException(ErrorCode.INVALID_ENVIRONMENT, PATH + ": invalid directory \"" + dir + "\"");
            }
        }
        return out;
    }
}
