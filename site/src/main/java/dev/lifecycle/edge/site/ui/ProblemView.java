package dev.lifecycle.edge.site.ui;

import java.util.List;

/** A refusal or failure as a page: what went wrong, in sentences, and each problem when there are several. */
public record ProblemView(Chrome chrome, int status, String title, String message, List<String> problems) {
}
