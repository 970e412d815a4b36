package io.jcni.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs {@code test-netns/scripts/lab.sh}: the harness builds its lab only through the script. */
public final class LabScript {
    private LabScript() {
    }

    public static ExecResult run(String... args) {
        return Exec.run(command(args), Map.of(), Exec.DEFAULT_TIMEOUT).orFail();
    }

    public static List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProjectPaths.labScript().toString());
        command.addAll(List.of(args));
        return command;
    }
}
