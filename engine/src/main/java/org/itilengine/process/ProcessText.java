package org.itilengine.process;

/**
 * Free text in a process variable. Camunda keeps a string variable in a column of 4,000
 * characters, and a longer one fails the whole transaction, so texts that can be longer (a mail
 * with a log in it) are shortened for the forms; the whole text stays on the ticket.
 */
public final class ProcessText {

  public static final int MAX_LENGTH = 4000;
  static final String SHORTENED = "\n[… shortened here; the whole text is on the ticket]";

  private ProcessText() {
  }

  /** Cut to a column's length, without a word about it (a subject, a name, a reason). */
  public static String atMost(String text, int length) {
    return text == null || text.length() <= length ? text : text.substring(0, length);
  }

  public static boolean fits(String text) {
    return text == null || text.length() <= MAX_LENGTH;
  }

  /** The text, or as much of it as fits with a line saying it was shortened. */
  public static String fit(String text) {
    if (fits(text)) {
      return text;
    }
    int end = MAX_LENGTH - SHORTENED.length();
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--; // never half a character
    }
    return text.substring(0, end) + SHORTENED;
  }
}
