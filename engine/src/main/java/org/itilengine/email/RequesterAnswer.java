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

  /** A negation or "still" before a word of success or failure; checked first, so "not working" never confirms. */
  private static final Pattern NOT_FIXED_WORDS = Pattern.compile(
      "(\\b(not|never|no longer|doesnt|dont|isnt)|n't)\\s+(\\w+\\s+)?"
          + "(fixed|solved|resolved|working|work|works|ok|okay)\\b"
          + "|\\bstill\\s+(\\w+\\s+){0,2}(broken|not|fail\\w*|happen\\w*|crash\\w*|down|slow|error\\w*|the same"
          + "|(the |an? )?(issue|problem)s?)\\b"
          + "|(?<!(n't|not|no) )\\breopen\\w*|\\bsame (problem|issue|error)\\b");
  private static final Pattern CONFIRMED_WORDS = Pattern.compile(
      "\\b(confirm(ed)?|fixed|solved|resolved|works( now)?|working( now)?|thanks?( you)?)\\b");
  /** A bare "yes" confirms; "yes, but ..." is for the case owner to read. */
  private static final Pattern BARE_YES = Pattern.compile("^(yes|yep|yeah)[\\s,.!]*(thanks?( you)?)?[\\s.!]*$");

  private static final Pattern SCORE = Pattern.compile("(?<![\\d.,])([1-5])(?![\\d.,])");

  /** Judged by the first line the requester wrote (quoted lines start with '>'). */
  public static RequesterAnswer of(String text) {
    String first = firstLine(text).toLowerCase(Locale.ROOT).replace('\u2019', '\'');
    if (NOT_FIXED_WORDS.matcher(first).find()) {
      return NOT_FIXED;
    }
    return CONFIRMED_WORDS.matcher(first).find() || BARE_YES.matcher(first).matches() ? CONFIRMED : OTHER;
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
