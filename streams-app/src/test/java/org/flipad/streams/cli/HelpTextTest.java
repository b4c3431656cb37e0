package org.flipad.streams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's help renders: picocli formats descriptions with printf rules, so a bare "%" (as
 * in "FNR 0.5 %") breaks the text and only shows up as a warning at run time.
 */
class HelpTextTest {

  @Test
  void shouldRenderEveryCommandsHelpWithoutFormatWarnings() {
    CommandLine root = FlipadCommand.commandLine();
    assertThat(root.getSubcommands())
        .containsKeys("evaluate", "train-detector", "attribute", "serve", "worker");
    for (CommandLine command : root.getSubcommands().values()) {
      StringWriter help = new StringWriter();
      PrintStream originalErr = System.err;
      ByteArrayOutputStream warnings = new ByteArrayOutputStream();
      System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
      try {
        command.usage(new PrintWriter(help, true));
      } finally {
        System.setErr(originalErr);
      }
      String name = command.getCommandName();
      assertThat(warnings.toString(StandardCharsets.UTF_8)).as(name).doesNotContain("Could not");
      assertThat(help.toString()).as(name).contains("Usage: ").doesNotContain("%n");
    }
  }
}
