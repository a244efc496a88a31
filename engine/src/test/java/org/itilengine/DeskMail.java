package org.itilengine;

import static org.itilengine.Eventually.eventually;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.itilengine.connectors.mail.EmbeddedMailServer;
import org.itilengine.connectors.mail.MailParser;

/** Requesters' side of the embedded mail server in tests: send over SMTP, read what the desk sent. */
public class DeskMail {

  public static final String DESK = "servicedesk@example.org";

  private final EmbeddedMailServer server;

  public DeskMail(EmbeddedMailServer server) {
    this.server = server;
  }

  /** A plain-text mail with a fresh Message-ID. */
  public static String mail(String from, String to, String subject, String body, String... headers) {
    return "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMessage-ID: <"
        + UUID.randomUUID() + "@" + from.substring(from.indexOf('@') + 1) + ">\r\nDate: "
        + new MailDateFormat().format(new Date()) + "\r\n"
        + String.join("", List.of(headers).stream().map(h -> h + "\r\n").toList())
        + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body + "\r\n";
  }

  /** Sends over SMTP to the mail's To addresses and returns its Message-ID. */
  public String send(String raw) throws Exception {
    return send(raw, null);
  }

  public String send(String raw, String envelopeFrom) throws Exception {
    Properties props = new Properties();
    props.setProperty("mail.smtp.host", "127.0.0.1");
    props.setProperty("mail.smtp.port", String.valueOf(server.greenMail().getSmtp().getPort()));
    if (envelopeFrom != null) {
      props.setProperty("mail.smtp.from", envelopeFrom);
    }
    MimeMessage message = new MimeMessage(Session.getInstance(props),
        new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))) {
      @Override
      protected void updateMessageID() {
        // keep the Message-ID we wrote
      }
    };
    Transport.send(message, message.getAllRecipients());
    return message.getMessageID();
  }

  /** Waits for a mail to the address whose subject contains the given part. */
  public MimeMessage mailTo(String address, String subjectPart) {
    return eventually(() -> mailsTo(address).stream().filter(m -> subject(m).contains(subjectPart)).findFirst()
        .orElse(null), m -> m != null);
  }

  public List<MimeMessage> mailsTo(String address) {
    List<MimeMessage> found = new ArrayList<>();
    for (MimeMessage m : server.greenMail().getReceivedMessages()) {
      try {
        if (m.getAllRecipients() != null && m.getAllRecipients()[0].toString().equals(address)) {
          found.add(m);
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return found;
  }

  public static String subject(Message m) {
    try {
      return m.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The plain text a requester reads, decoded the way the desk decodes mail. */
  public static String text(MimeMessage m) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.writeTo(out);
    return new MailParser(1_000_000, 1_000_000).parse(out.toByteArray()).text();
  }
}
