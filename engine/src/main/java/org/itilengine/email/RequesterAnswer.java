package org.itilengine.email;

import java.util.List;
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
  /** The problem is back ("fails again", "came back"), unless only as a condition ("if it happens again"). */
  private static final Pattern RECURRED = Pattern.compile(
      "\\b(fail\\w*|crash\\w*|happen\\w*|broke\\w*|occur\\w*|stopp\\w*|drop\\w*|freez\\w*) again\\b"
          + "|\\b(came|comes) back\\b|\\b(error|problem|issue|fault|bug)s? (is|are|was|were) back\\b");
  private static final Pattern CONDITION = Pattern.compile("\\b(if|in case|should)\\b");
  private static final Pattern CONFIRMED_WORDS = Pattern.compile(
      "\\b(confirm(ed)?|fixed|solved|resolved|works( now)?|worked|working( now)?|thanks?( you)?)\\b");
  /** "Thanks, but ..." is not a confirmation: the case owner reads what follows. */
  private static final Pattern CONTRAST = Pattern.compile("\\b(but|however|unfortunately|sadly|though)\\b");
  /** A salutation alone on its line ("Hi team,", "Dear service desk,") says nothing yet. */
  private static final Pattern GREETING = Pattern.compile(
      "^(hi|hello|hey|dear|good (morning|afternoon|evening))\\b([\\w .'-]{0,40}[,:])?[!.]?$");
  /** "Hi John" without a comma: a salutation only when more follows on the next lines. */
  private static final Pattern SHORT_GREETING = Pattern.compile("^(hi|hello|hey|dear)( [\\w.'-]+){1,2}$");
  /** The number the resolution mail asks for, alone: the requester answered the survey, not a complaint. */
  private static final Pattern BARE_SCORE = Pattern.compile("^[1-5]( ?/ ?5)?[\\s.!]*$");
  /** A bare "yes" confirms; "yes, but ..." is for the case owner to read. */
  private static final Pattern BARE_YES = Pattern.compile("^(yes|yep|yeah)[\\s,.!]*(thanks?( you)?)?[\\s.!]*$");

  private static final Pattern SCORE = Pattern.compile("(?<![\\d.,])([1-5])(?![\\d.,])");

  /**
   * Judged by the first line the requester wrote (quoted lines start with '>'), after a greeting;
   * a line with only the survey's number says no more than that, so the line after it decides.
   */
  public static RequesterAnswer of(String text) {
    List<String> lines = ownLines(text);
    String first = lines.isEmpty() ? "" : lines.get(0);
    if (lines.size() > 1 && BARE_SCORE.matcher(first).matches()) {
      first = lines.get(1);
    }
    return judge(first);
  }

  private static RequesterAnswer judge(String line) {
    if (NOT_FIXED_WORDS.matcher(line).find() || recurred(line)) {
      return NOT_FIXED;
    }
    boolean confirms = CONFIRMED_WORDS.matcher(line).find() && !CONTRAST.matcher(line).find();
    return confirms || BARE_YES.matcher(line).matches() || BARE_SCORE.matcher(line).matches() ? CONFIRMED : OTHER;
  }

  private static boolean recurred(String line) {
    Matcher again = RECURRED.matcher(line);
    return again.find() && !CONDITION.matcher(line.substring(0, again.start())).find();
  }

  /** The satisfaction score (1..5) if the first line of the answer carries one. */
  public static Optional<Integer> satisfactionScore(String text) {
    List<String> lines = ownLines(text);
    Matcher m = SCORE.matcher(lines.isEmpty() ? "" : lines.get(0));
    return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
  }

  /** The requester's own lines, lower case, the first two after a greeting that says nothing itself. */
  private static List<String> ownLines(String text) {
    List<String> own = text == null ? List.of() : text.lines()
        .map(line -> line.strip().toLowerCase(Locale.ROOT).replace('\u2019', '\''))
        .filter(line -> !line.isEmpty() && !line.startsWith(">"))
        .limit(3).toList();
    if (own.isEmpty()) {
      return own;
    }
    String first = own.get(0);
    boolean greeting = GREETING.matcher(first).matches()
        || own.size() > 1 && SHORT_GREETING.matcher(first).matches() && judge(first) == OTHER; // "Hi still broken"
    List<String> after = greeting ? own.subList(1, own.size()) : own;
    return after.subList(0, Math.min(2, after.size()));
  }
}
