package org.itilengine.email;

import java.util.Locale;
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

  /** Judged by the first line the requester wrote (quoted lines start with '>'). */
  public static RequesterAnswer of(String text) {
    String first = text == null ? "" : text.lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith(">"))
        .findFirst().orElse("")
        .toLowerCase(Locale.ROOT);
    if (NOT_FIXED_WORDS.matcher(first).find()) {
      return NOT_FIXED;
    }
    return CONFIRMED_WORDS.matcher(first).find() ? CONFIRMED : OTHER;
  }
}
