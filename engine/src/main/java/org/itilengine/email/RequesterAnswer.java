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
          + "|(?<!(n't|not|no) )\\breopen\\w*|\\bsame (problem|issue|error)\\b"
          + "|\\b(came|comes|is|are|was|were) back\\b"
          + "|\\b(fail\\w*|crash\\w*|happen\\w*|broke\\w*|occur\\w*|stopp\\w*|drop\\w*|freez\\w*) again\\b");
  private static final Pattern CONFIRMED_WORDS = Pattern.compile(
      "\\b(confirm(ed)?|fixed|solved|resolved|works( now)?|worked|working( now)?|thanks?( you)?)\\b");
  /** "Thanks, but ..." is not a confirmation: the case owner reads what follows. */
  private static final Pattern CONTRAST = Pattern.compile("\\b(but|however|unfortunately|sadly|though)\\b");
  /** A salutation alone on its line ("Hi team,", "Dear service desk,") says nothing yet. */
  private static final Pattern GREETING = Pattern.compile(
      "^(hi|hello|hey|dear|good (morning|afternoon|evening))\\b([\\w .'-]{0,40}[,:])?[!.]?$");
  /** A bare "yes" confirms; "yes, but ..." is for the case owner to read. */
  private static final Pattern BARE_YES = Pattern.compile("^(yes|yep|yeah)[\\s,.!]*(thanks?( you)?)?[\\s.!]*$");

  private static final Pattern SCORE = Pattern.compile("(?<![\\d.,])([1-5])(?![\\d.,])");

  /** Judged by the first line the requester wrote (quoted lines start with '>'), after a greeting. */
  public static RequesterAnswer of(String text) {
    String first = firstLine(text).toLowerCase(Locale.ROOT).replace('\u2019', '\'');
    if (NOT_FIXED_WORDS.matcher(first).find()) {
      return NOT_FIXED;
    }
    boolean confirms = CONFIRMED_WORDS.matcher(first).find() && !CONTRAST.matcher(first).find();
    return confirms || BARE_YES.matcher(first).matches() ? CONFIRMED : OTHER;
  }

  /** The satisfaction score (1..5) if the first line of the answer carries one. */
  public static Optional<Integer> satisfactionScore(String text) {
    Matcher m = SCORE.matcher(firstLine(text));
    return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
  }

  private static String firstLine(String text) {
    return text == null ? "" : text.lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith(">")
            && !GREETING.matcher(line.toLowerCase(Locale.ROOT)).matches())
        .findFirst().orElse("");
  }
}
