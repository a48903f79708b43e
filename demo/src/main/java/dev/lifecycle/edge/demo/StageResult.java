package dev.lifecycle.edge.demo;

import java.time.Duration;

/**
 * A stage as it ended.
 *
 * @param name the stage
 * @param took how long it took, from its action to its end
 * @param succeeded whether it finished (otherwise it failed or timed out)
 * @param line its result, or why it failed
 */
record StageResult(StageName name, Duration took, boolean succeeded, String line) {
}
