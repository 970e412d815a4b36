package io.jcni.manager.cli.pod;

import io.jcni.manager.cli.OutputFormat;
import io.jcni.manager.cli.Table;
import io.jcni.manager.cli.Terminal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jcni.conf.Json;
import io.jcni.manager.pod.PodException;
import io.jcni.manager.pod.PodState;
import io.jcni.manager.pod.Pods;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code jcni pod ls}. */
@Command(name = "ls", aliases = "list", mixinStandardHelpOptions = true,
        description = {"Lists the pods of the state dir: name, whether the pause process still runs, its PID, the "
                + "namespaces it holds, network and interface, addresses, netns.", ""},
        footer = {"", "Examples:", "  jcni pod ls", "  jcni pod ls -o json | jq -r '.[].addresses[]'"})
final class PodList implements Callable<Integer> {
    @Mixin
    PodOptions options;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "table (the default) or json")
    OutputFormat output = OutputFormat.table;

    @Override
    public Integer call() {
        try {
            Pods pods = options.pods();
            List<PodView> views = new ArrayList<>();
            for (PodState s : pods.store().list()) {
                views.add(new PodView(s, pods.running(s)));
            }
            if (output == OutputFormat.json) {
                ArrayNode a = Json.mapper().createArrayNode();
                views.forEach(v -> a.add(v.json()));
                System.out.println(new String(Json.pretty(a), StandardCharsets.UTF_8));
            } else {
                Table t = new Table(PodView.HEADER);
                views.forEach(v -> t.row(v.row()));
                System.out.print(t.render(Terminal.detect()));
            }
            return 0;
        } catch (PodException e) {
            System.err.println("jcni pod ls: " + e.getMessage());
            return 1;
        }
    }
}
