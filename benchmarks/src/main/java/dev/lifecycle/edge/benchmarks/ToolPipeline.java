package dev.lifecycle.edge.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command-line side of a benchmark: programs joined by pipes, as a shell would run them. */
final class ToolPipeline {

  private ToolPipeline() {
  }

  /** Runs the commands as a pipeline, the last one's output to {@code output} (or discarded); fails on any error. */
  static void run(List<List<String>> commands, Path output) throws IOException, InterruptedException {
    List<ProcessBuilder> builders = new ArrayList<>();
    for (List<String> command : commands) {
      builders.add(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT));
    }
    builders.get(builders.size() - 1).redirectOutput(output == null ? ProcessBuilder.Redirect.DISCARD
        : ProcessBuilder.Redirect.to(output.toFile()));
    for (Process process : ProcessBuilder.startPipeline(builders)) {
      int exit = process.waitFor();
      if (exit != 0) {
        throw new IOException(process.info().command().orElse("a command") + " exited with " + exit);
      }
    }
  }
}
