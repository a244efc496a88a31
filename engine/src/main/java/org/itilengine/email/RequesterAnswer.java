package org.itilengine.email;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a requester's reply to a resolution: confirmed, not fixed, or something else to read. */
public enum RequesterAnswer {
  CONFIRMED,
  NOT_FIXED,
  OTHER;

  private static final Pattern NOT_FIXED_WORDS = Pattern.compile(
      "\\b(not fixed|not solved|still (broken|not working|failing|happening)|does ?n[o']t work|reopen)\\b");
  private static final Pattern CONFIRMED_WORDS = Pattern.compile(
      "\\b(confirm(ed)?|fixed|solved|works( now)?|working( now)?|thanks?( you)?)\\b");

  private static final Pattern SCORE = Pattern.compile("(?<![\\d.,])([1-5])(?![\\d.,])");

  /** Judged by the first line the requester wrote (quoted lines start with '>'). */
  public static RequesterAnswer of(String text) {
    String first = firstLine(text).toLowerCase(Locale.ROOT);
    if (NOT_FIXED_WORDS.matcher(first).find()) {
      return NOT_FIXED;
    }
    return CONFIRMED_WORDS.matcher(first).find() ? CONFIRMED : OTHER;
  }

  /** The satisfaction score (1..5) if the first line of the answer carries one. */
  public static Optional<Integer> satisfactionScore(String text) {
    Matcher m = SCORE.matcher(firstLine(text));
    return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
  }

  private static String firstLine(String text) {
    return text == null ? "" : text.lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith(">"))
        .findFirst().orElse("");
  }
}
