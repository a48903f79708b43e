package dev.lifecycle.edge.agent.exec;

/**
 * How a hook process ended.
 *
 * @param exitCode its exit status; meaningless when it timed out
 * @param timedOut whether it was killed for taking too long
 * @param tail the last lines of its output (stdout and stderr together)
 */
public record ProcessOutcome(int exitCode, boolean timedOut, String tail) {
}
