package dev.lifecycle.edge.demo;

import java.util.List;
import java.util.Objects;

/**
 * Where a stage stands, as read from the API: still waiting (with a line for the terminal and, when it
 * can be counted, how far), done, or failed for a reason a person can act on. Notes are facts worth a
 * line of their own, printed once each (the layers an upgrade changes, a claimed host).
 *
 * @param state waiting, done or failed
 * @param line what the terminal shows: the progress, the result, or the reason of the failure
 * @param done how many of {@code total} are done, when it can be counted
 * @param total how many there are to do; 0 when it cannot be counted
 * @param notes facts to print once each
 */
public record StageStatus(State state, String line, int done, int total, List<String> notes) {

  /** The three states of a stage. */
  public enum State {
    WAITING, DONE, FAILED
  }

  public StageStatus {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(line, "line");
    notes = List.copyOf(notes);
  }

  public static StageStatus waiting(String line) {
    return new StageStatus(State.WAITING, line, 0, 0, List.of());
  }

  public static StageStatus waiting(String line, int done, int total) {
    return new StageStatus(State.WAITING, line, done, total, List.of());
  }

  public static StageStatus done(String line) {
    return new StageStatus(State.DONE, line, 0, 0, List.of());
  }

  public static StageStatus failed(String reason) {
    return new StageStatus(State.FAILED, reason, 0, 0, List.of());
  }

  public StageStatus withNotes(List<String> more) {
    return new StageStatus(state, line, done, total, more);
  }

  /** Whether how far it is can be counted (a progress bar can show it). */
  public boolean counted() {
    return total > 0;
  }
}
