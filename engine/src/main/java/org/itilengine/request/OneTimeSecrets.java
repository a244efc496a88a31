package org.itilengine.request;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Verification codes and temporary passwords: random, never stored in clear, never logged. A
 * code is kept as an HMAC under a key from configuration, so reading the instance's variables or
 * history (a million possible codes) does not reveal it.
 */
@Component
public class OneTimeSecrets {

  private static final SecureRandom RANDOM = new SecureRandom();
  /** Six digits standing alone; not the digits of a ticket key such as REQ-000123. */
  private static final Pattern CODE = Pattern.compile("(?<![\\d-])\\d{6}(?!\\d)");
  // No look-alikes (0/O, 1/l/I), so a password read from a mail is typed right the first time.
  private static final String[] CLASSES = {"ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnopqrstuvwxyz", "23456789", "#%+-=?@"};

  private final SecretKeySpec key;

  public OneTimeSecrets(ServiceRequestSettings settings) {
    this.key = new SecretKeySpec(settings.verificationKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  String newCode() {
    return "%06d".formatted(RANDOM.nextInt(1_000_000));
  }

  /** Bound to the ticket, so a code from one request is worthless on another. */
  String hash(String ticketKey, String code) {
    return fingerprint(ticketKey + ':' + code);
  }

  /** An HMAC of a text that may hold a secret (a mail with a code or a password): no key, no guessing it back. */
  public String fingerprint(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * True when the reply carries exactly one code and it is the right one. A reply may quote our
   * mail (which holds the code) but must not try several: more than one distinct code is a failed
   * attempt, so a reply cannot be a list of guesses.
   */
  boolean replyProvesCode(String reply, String ticketKey, String expectedHash) {
    Set<String> candidates = new LinkedHashSet<>();
    Matcher m = CODE.matcher(reply == null ? "" : reply);
    while (m.find()) {
      candidates.add(m.group());
    }
    return candidates.size() == 1 && MessageDigest.isEqual(expectedHash.getBytes(StandardCharsets.US_ASCII),
        hash(ticketKey, candidates.iterator().next()).getBytes(StandardCharsets.US_ASCII));
  }

  /** 16 characters with every class, which common directory password policies accept. */
  String newTemporaryPassword() {
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
