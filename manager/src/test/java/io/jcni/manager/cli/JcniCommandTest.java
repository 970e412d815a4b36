package io.jcni.manager.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JcniCommandTest {
    @Test
    void everyInspectionCommandIsRegisteredAndItsHelpHasAnExample() {
        CommandLine jcni = new CommandLine(new JcniCommand());
        for (String name : List.of("ls", "bridges", "check", "gc", "completion")) {
            CommandLine sub = jcni.getSubcommands().get(name);
            assertTrue(sub != null, name + " is not a subcommand");
            String usage = sub.getUsageMessage(CommandLine.Help.Ansi.OFF);
            assertTrue(usage.contains("Examples:"), name + ":\n" + usage);
        }
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        StringWriter err = new StringWriter();
        int status = new CommandLine(new JcniCommand()).setErr(new PrintWriter(err)).execute("ls", "--no-such-option");
        assertEquals(ExitCodes.USAGE, status);
        assertTrue(err.toString().contains("--no-such-option"), err.toString());
    }

    @Test
    void completionCoversTheSubcommandsAndTheirOptions() {
        String script = picocli.AutoComplete.bash("jcni", new CommandLine(new JcniCommand()));
        for (String word : List.of("ls", "bridges", "check", "gc", "--dry-run", "--valid-attachments", "--conf-dir")) {
            assertTrue(script.contains(word), word);
        }
    }
}
