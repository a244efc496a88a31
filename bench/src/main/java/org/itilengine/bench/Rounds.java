package org.itilengine.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The bare baseline and the measured work, timed in alternating rounds: a slow spell of a shared
 * machine then hits both sides instead of only one, and the spread of the per-round ratios shows
 * how far a single figure can be trusted.
 */
final class Rounds {

  static final int COUNT = 5;

  private final List<Double> ratios = new ArrayList<>();

  /** The calling thread's CPU time in nanoseconds: unlike the wall clock, blind to waiting for a core. */
  static long threadCpu() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  /** How many of the total go into one round; at least one. */
  static int perRound(int total) {
    return Math.max(1, total / COUNT);
  }
  private long bareNanos;
  private long measuredNanos;

  void add(long bare, long measured) {
    bareNanos += bare;
    measuredNanos += measured;
    ratios.add((double) measured / bare);
  }

  long bareNanos() {
    return bareNanos;
  }

  long measuredNanos() {
    return measuredNanos;
  }

  double medianRatio() {
    List<Double> sorted = ratios.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  /** "4.87x (rounds 4.10x .. 5.60x)". */
  String describe() {
    return String.format(Locale.ROOT, "%.2fx (rounds %.2fx .. %.2fx)", medianRatio(),
        ratios.stream().mapToDouble(Double::doubleValue).min().orElse(0),
        ratios.stream().mapToDouble(Double::doubleValue).max().orElse(0));
  }
}
