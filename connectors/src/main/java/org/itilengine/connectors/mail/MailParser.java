package org.itilengine.connectors.mail;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.TextNode;

/**
 * Turns raw RFC 5322 bytes into a {@link ParsedMail}, or says precisely why it cannot. Charsets
 * come from the MIME headers (Java knows ISO-8859-x, Windows-125x, Shift_JIS, ...); HTML is
 * reduced to plain text, so no markup from a mail ever reaches a form.
 */
public class MailParser {

  /** The loop header our own outbound mail carries. */
  public static final String LOOP_HEADER = "X-ITIL-Loop";
  /** Mails without a Message-ID get one made of their SHA-256 in this domain. */
  static final String SYNTHETIC_ID_DOMAIN = "@no-message-id.invalid";
  private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s\\p{Cntrl}]+>");
  /** Control characters a mail can carry (a NUL from "=00") that no database text column takes. */
  private static final Pattern CONTROL_CHARACTERS = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");
  private static final Pattern FAILED_ACTION = Pattern.compile("(?im)^action:\\s*failed\\b");
  private static final int MAX_TEXT = 19_000;
  private static final Session SESSION = Session.getInstance(sessionProperties());

  private final long maxAttachmentBytes;
  private final long maxAttachmentsPerMailBytes;

  public MailParser(long maxAttachmentBytes, long maxAttachmentsPerMailBytes) {
    this.maxAttachmentBytes = maxAttachmentBytes;
    this.maxAttachmentsPerMailBytes = maxAttachmentsPerMailBytes;
  }

  /** A parser with the attachment limits of the mail configuration. */
  public static MailParser withLimitsOf(MailProperties settings) {
    return new MailParser(settings.maxAttachmentBytes(), settings.maxAttachmentsPerMailBytes());
  }

  private static Properties sessionProperties() {
    Properties p = new Properties();
    p.setProperty("mail.mime.decodefilename", "true");
    p.setProperty("mail.mime.decodetext.strict", "false");
    p.setProperty("mail.mime.address.strict", "false");
    return p;
  }

  /** True for a Message-ID we made up because the mail had none: nobody can reply to it. */
  public static boolean isSyntheticId(String messageId) {
    return messageId.endsWith(SYNTHETIC_ID_DOMAIN + ">");
  }

  public ParsedMail parse(byte[] raw) throws UnparseableMailException {
    try {
      MimeMessage mail = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
      InternetAddress from = from(mail);
      Body body = new Body();
      walk(mail, body);
      String text = body.plain != null ? body.plain : body.html != null ? htmlToText(body.html) : "";
      return new ParsedMail(
          messageId(mail, raw),
          from.getAddress().toLowerCase(Locale.ROOT),
          printable(from.getPersonal()),
          replyTo(mail),
          recipients(mail),
          subject(mail),
          truncate(printable(text).strip()),
          firstId(mail.getHeader("In-Reply-To", " ")),
          allIds(mail.getHeader("References", " ")),
          header(mail, "Auto-Submitted"),
          header(mail, "Precedence"),
          header(mail, "List-Id"),
          header(mail, "X-Auto-Response-Suppress") != null,
          header(mail, LOOP_HEADER) != null,
          body.bounceOf,
          body.deliveryFailed,
          body.attachments,
          body.dropped);
    } catch (UnsupportedEncodingException e) {
      throw new UnparseableMailException("unsupported charset: " + e.getMessage(), e);
    } catch (MessagingException | IOException e) {
      throw new UnparseableMailException("broken MIME structure: " + e.getMessage(), e);
    }
  }

  private static InternetAddress from(MimeMessage mail) throws MessagingException, UnparseableMailException {
    Address[] from;
    try {
      from = mail.getFrom();
    } catch (AddressException e) {
      throw new UnparseableMailException("malformed From: " + e.getMessage(), e);
    }
    if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress address)
        || address.getAddress() == null || address.getAddress().isBlank()) {
      throw new UnparseableMailException("missing From");
    }
    try {
      address.validate();
    } catch (AddressException e) {
      throw new UnparseableMailException("malformed From '" + address.getAddress() + "': " + e.getMessage(), e);
    }
    return address;
  }

  private static String replyTo(MimeMessage mail) throws MessagingException {
    String header = mail.getHeader("Reply-To", ",");
    if (header == null) {
      return null;
    }
    try {
      InternetAddress[] parsed = InternetAddress.parseHeader(header, false);
      if (parsed.length == 0) {
        return null;
      }
      return usable(parsed[0]) ? parsed[0].getAddress().toLowerCase(Locale.ROOT) : null;
    } catch (AddressException e) {
      return null; // a broken Reply-To falls back to From
    }
  }

  /**
   * An address without control characters (which no database column takes). Not a full syntax
   * check: real mail carries addresses RFC 5322 frowns on ("taro..yamada@docomo.ne.jp").
   */
  private static boolean usable(InternetAddress address) {
    return address.getAddress() != null && address.getAddress().chars().noneMatch(Character::isISOControl);
  }

  private static List<String> recipients(MimeMessage mail) throws MessagingException {
    List<String> result = new ArrayList<>();
    for (String name : List.of("To", "Cc")) {
      String header = mail.getHeader(name, ",");
      if (header == null) {
        continue;
      }
      try {
        for (InternetAddress a : InternetAddress.parseHeader(header, false)) {
          if (usable(a)) {
            result.add(a.getAddress().toLowerCase(Locale.ROOT));
          }
        }
      } catch (AddressException e) {
        // an unreadable recipient list does not stop the mail from becoming a ticket
      }
    }
    return result;
  }

  private static String subject(MimeMessage mail) throws MessagingException {
    String subject = printable(mail.getSubject());
    return subject == null || subject.isBlank() ? "(no subject)" : subject.strip();
  }

  private static String messageId(MimeMessage mail, byte[] raw) throws MessagingException {
    String id = firstId(mail.getMessageID());
    if (id != null) {
      return id;
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(raw);
      return "<" + HexFormat.of().formatHex(hash) + SYNTHETIC_ID_DOMAIN + ">";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String header(MimeMessage mail, String name) throws MessagingException {
    String value = mail.getHeader(name, ",");
    return value == null || value.isBlank() ? null : value.strip();
  }

  static String firstId(String header) {
    if (header == null) {
      return null;
    }
    Matcher m = MESSAGE_ID.matcher(header);
    return m.find() ? m.group() : null;
  }

  private static List<String> allIds(String header) {
    List<String> ids = new ArrayList<>();
    if (header != null) {
      Matcher m = MESSAGE_ID.matcher(header);
      while (m.find()) {
        ids.add(m.group());
      }
    }
    return ids;
  }

  private static final class Body {
    String plain;
    String html;
    String bounceOf;
    boolean deliveryFailed;
    long attachmentBytes;
    final List<ParsedMail.Attachment> attachments = new ArrayList<>();
    final List<String> dropped = new ArrayList<>();
  }

  private void walk(Part part, Body body) throws MessagingException, IOException {
    if (part.isMimeType("multipart/report") && isDeliveryStatus(part)) {
      body.bounceOf = bouncedMessageId((Multipart) part.getContent());
      body.deliveryFailed = reportsFailure((Multipart) part.getContent());
    }
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        walk(multipart.getBodyPart(i), body);
      }
    } else if (isAttachment(part)) {
      attach(part, body);
    } else if (part.isMimeType("text/plain") && body.plain == null) {
      body.plain = (String) part.getContent();
    } else if (part.isMimeType("text/html") && body.html == null) {
      body.html = (String) part.getContent();
    } else if (!part.isMimeType("text/plain") && !part.isMimeType("text/html")) {
      attach(part, body); // calendar invites, signatures, delivery reports: kept as files
    }
  }

  private static boolean isDeliveryStatus(Part part) throws MessagingException {
    String reportType = new ContentType(part.getContentType()).getParameter("report-type");
    return "delivery-status".equalsIgnoreCase(reportType);
  }

  /** Whether the report says the mail failed for good (RFC 3464), not that it is delayed or was delivered. */
  private static boolean reportsFailure(Multipart report) throws MessagingException, IOException {
    for (int i = 0; i < report.getCount(); i++) {
      BodyPart part = report.getBodyPart(i);
      if (part.isMimeType("message/delivery-status")) {
        try (InputStream in = part.getInputStream()) {
          if (FAILED_ACTION.matcher(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).find()) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** The original's Message-ID, from the returned message or its headers. */
  private static String bouncedMessageId(Multipart report) throws MessagingException, IOException {
    for (int i = 0; i < report.getCount(); i++) {
      BodyPart part = report.getBodyPart(i);
      if (part.isMimeType("message/rfc822") || part.isMimeType("text/rfc822-headers")) {
        try (InputStream in = part.getInputStream()) {
          String id = firstId(new InternetHeaders(in).getHeader("Message-ID", ","));
          if (id != null) {
            return id;
          }
        }
      }
    }
    return null;
  }

  private static boolean isAttachment(Part part) throws MessagingException {
    return Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())
        || (part.getFileName() != null && !part.isMimeType("multipart/*"));
  }

  private void attach(Part part, Body body) throws MessagingException, IOException {
    String name = fileName(part, body.attachments.size() + body.dropped.size() + 1);
    byte[] content;
    try (InputStream in = part.getInputStream()) {
      content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxAttachmentBytes + 1));
    }
    if (content.length > maxAttachmentBytes || body.attachmentBytes + content.length > maxAttachmentsPerMailBytes) {
      body.dropped.add(name);
      return;
    }
    body.attachmentBytes += content.length;
    body.attachments.add(new ParsedMail.Attachment(name, baseType(part), content));
  }

  private static String fileName(Part part, int position) throws MessagingException {
    String name = part.getFileName();
    if (name != null) {
      try {
        return printable(MimeUtility.decodeText(name));
      } catch (UnsupportedEncodingException e) {
        return printable(name);
      }
    }
    if (part.isMimeType("text/calendar")) {
      return "invite-" + position + ".ics";
    }
    return "attachment-" + position + (part.isMimeType("message/rfc822") ? ".eml" : ".bin");
  }

  private static String baseType(Part part) throws MessagingException {
    return new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
  }

  /** Visible text only: scripts, styles and tags are gone; block elements become line breaks. */
  static String htmlToText(String html) {
    Document doc = Jsoup.parse(html);
    doc.select("br").forEach(br -> br.after(new TextNode("\n")));
    doc.select("p, div, li, tr, h1, h2, h3, h4, h5, h6, blockquote, pre")
        .forEach(block -> block.prepend("\n").appendText("\n"));
    return doc.body() == null ? "" : doc.body().wholeText()
        .replace('\u00a0', ' ')
        .replaceAll("[ \\t]+\\n", "\n")
        .replaceAll("\\n{3,}", "\n\n")
        .strip();
  }

  private static String printable(String text) {
    return text == null ? null : CONTROL_CHARACTERS.matcher(text).replaceAll("");
  }

  private static String truncate(String text) {
    return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "\n[… truncated]";
  }
}
