package dev.lifecycle.edge.demo;

import java.util.List;

/**
 * One step of the lifecycle the demo shows: it acts once ({@link #begin}), then is judged from the API
 * until done or failed ({@link #check}); when it fails or times out, {@link #diagnose} says what the
 * resources themselves say (their conditions), for the person reading the terminal.
 */
interface Stage {

  StageName name();

  /** What the stage waits for, in a few words. */
  String goal();

  /** Acts: applies resources, starts hosts, patches the cluster. */
  void begin() throws Exception;

  /** Reads the API and judges where the stage stands. */
  StageStatus check();

  /** Lines that explain a failure or a timeout, from the resources the stage is about. */
  List<String> diagnose();
}
