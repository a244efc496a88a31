package org.itilengine.request;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Verification codes and temporary passwords: random, never stored in clear, never logged. */
final class OneTimeSecrets {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern CODE = Pattern.compile("(?<!\\d)\\d{6}(?!\\d)");
  // No look-alikes (0/O, 1/l/I), so a password read from a mail is typed right the first time.
  private static final String[] CLASSES = {"ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnopqrstuvwxyz", "23456789", "#%+-=?@"};

  private OneTimeSecrets() {
  }

  static String newCode() {
    return "%06d".formatted(RANDOM.nextInt(1_000_000));
  }

  /** Bound to the ticket, so a code from one request is worthless on another. */
  static String hash(String ticketKey, String code) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((ticketKey + ':' + code).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** True when any six-digit number in the reply is the code (the reply may quote our mail). */
  static boolean replyContainsCode(String reply, String ticketKey, String expectedHash) {
    Matcher m = CODE.matcher(reply == null ? "" : reply);
    byte[] expected = expectedHash.getBytes(StandardCharsets.US_ASCII);
    boolean found = false;
    while (m.find()) {
      found |= MessageDigest.isEqual(expected, hash(ticketKey, m.group()).getBytes(StandardCharsets.US_ASCII));
    }
    return found;
  }

  /** 16 characters with every class, which common directory password policies accept. */
  static String newTemporaryPassword() {
    StringBuilder password = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      String chars = i < CLASSES.length ? CLASSES[i] : CLASSES[RANDOM.nextInt(CLASSES.length)];
      password.append(chars.charAt(RANDOM.nextInt(chars.length())));
    }
    for (int i = password.length() - 1; i > 0; i--) { // shuffle, so the classes are not in fixed places
      int j = RANDOM.nextInt(i + 1);
      char c = password.charAt(i);
      password.setCharAt(i, password.charAt(j));
      password.setCharAt(j, c);
    }
    return password.toString();
  }
}
