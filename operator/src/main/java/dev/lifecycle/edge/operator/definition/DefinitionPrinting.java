package dev.lifecycle.edge.operator.definition;

import java.io.PrintWriter;

/** How the commands list a definition's profile versions, one line each. */
final class DefinitionPrinting {

  private DefinitionPrinting() {
  }

  static void profiles(DefinitionIndex index, PrintWriter out) {
    for (DefinitionIndex.Profile profile : index.profiles()) {
      out.println("  " + profile.name() + "  profile " + profile.profile() + " version " + profile.version()
          + (profile.variableNames() == null || profile.variableNames().isEmpty() ? "  no variables"
          : "  variables: " + String.join(", ", profile.variableNames())));
    }
    out.flush();
  }
}
