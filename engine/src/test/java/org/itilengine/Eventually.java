package org.itilengine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for what the job executor and the mailbox readers do in the background. */
public final class Eventually {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private Eventually() {
  }

  /** Probes until {@code done} holds (or fails the test after 20 s) and returns the last value. */
  public static <T> T eventually(Supplier<T> probe, Predicate<T> done) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    T result = probe.get();
    while (!done.test(result) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      result = probe.get();
    }
    assertThat(done.test(result)).as("condition reached within %s, last value %s", TIMEOUT, result).isTrue();
    return result;
  }
}
