package org.itilengine.bench;

import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.Properties;
import org.camunda.bpm.engine.impl.calendar.DurationHelper;
import org.itilengine.ProviderLookups;

/**
 * What naming the providers ({@link ProviderLookups}) saves, on the application's class path:
 * one acknowledgement built and written as the outbound route does (text and HTML alternatives),
 * the same mail parsed as the inbound side does, and the due dates of an incident's four SLA
 * timers as Camunda computes them; with the lookups unnamed and named, in alternating rounds.
 * Usage: bench/provider-lookups.sh [count] (default 2000). Prints a table.
 */
public final class ProviderLookupBenchmark {

  private ProviderLookupBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    Session session = Session.getInstance(new Properties());
    byte[] sample = write(acknowledgement(session, 0));
    if (!text(parse(session, sample)).contains("INC-000042")) {
      throw new IllegalStateException("the sample mail does not read back");
    }
    Operation outbound = i -> write(acknowledgement(session, i));
    Operation inbound = i -> text(parse(session, sample));
    Operation timers = i -> {
      for (String duration : new String[] {"PT3H", "PT4H", "PT18H", "P1D"}) {
        new DurationHelper(duration).getDateAfter();
      }
    };
    System.out.printf(Locale.ROOT, "%n%-44s %12s %12s %s%n", "operation (" + count + " each, alternating rounds)",
        "unnamed ms", "named ms", "named / unnamed, median round");
    for (var operation : new Object[][] {{"notification mail built and written", outbound},
        {"inbound mail parsed (text and HTML)", inbound}, {"four SLA timer due dates", timers}}) {
      compare((String) operation[0], (Operation) operation[1], count);
    }
  }

  private static void compare(String name, Operation operation, int count) throws Exception {
    unnamed();
    time(operation, count / 5); // warm-up of both sides
    named();
    time(operation, count / 5);
    Rounds rounds = new Rounds();
    int perRound = Rounds.perRound(count);
    for (int round = 0; round < Rounds.COUNT; round++) {
      unnamed();
      long unnamed = time(operation, perRound);
      named();
      rounds.add(unnamed, time(operation, perRound));
    }
    int measured = perRound * Rounds.COUNT;
    System.out.printf(Locale.ROOT, "%-44s %12.3f %12.3f %s%n", name, rounds.bareNanos() / 1e6 / measured,
        rounds.measuredNanos() / 1e6 / measured, rounds.describe());
  }

  private static void unnamed() {
    ProviderLookups.PROVIDERS.keySet().forEach(System::clearProperty);
  }

  private static void named() {
    ProviderLookups.apply();
  }

  @FunctionalInterface
  private interface Operation {
    void run(int i) throws Exception;
  }

  private static long time(Operation operation, int count) throws Exception {
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      operation.run(i);
    }
    return System.nanoTime() - start;
  }

  private static MimeMessage acknowledgement(Session session, int i) throws Exception {
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress("servicedesk@example.org", "Service Desk"));
    message.setRecipients(Message.RecipientType.TO, "requester" + i + "@example.org");
    message.setSubject("[INC-000042] Drucker im 2. Stock druckt nicht – Ticket erfasst", "UTF-8");
    message.setHeader("Auto-Submitted", "auto-replied");
    MimeBodyPart text = new MimeBodyPart();
    text.setText("Hello,\n\nwe registered your incident INC-000042.\nExpected response: within 4 hours.\n", "UTF-8");
    MimeBodyPart html = new MimeBodyPart();
    html.setContent("<p>Hello,</p><p>we registered your incident <b>INC-000042</b>.</p>", "text/html; charset=UTF-8");
    MimeMultipart alternatives = new MimeMultipart("alternative");
    alternatives.addBodyPart(text);
    alternatives.addBodyPart(html);
    message.setContent(alternatives);
    message.saveChanges();
    return message;
  }

  private static byte[] write(MimeMessage message) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    message.writeTo(bytes);
    return bytes.toByteArray();
  }

  private static MimeMessage parse(Session session, byte[] bytes) throws Exception {
    return new MimeMessage(session, new ByteArrayInputStream(bytes));
  }

  private static String text(Part part) throws Exception {
    if (part.getContent() instanceof Multipart multipart) {
      StringBuilder all = new StringBuilder();
      for (int i = 0; i < multipart.getCount(); i++) {
        all.append(text(multipart.getBodyPart(i)));
      }
      return all.toString();
    }
    String subject = part instanceof MimeMessage message ? MimeUtility.decodeText(message.getHeader("Subject", null)) : "";
    return subject + part.getContent();
  }
}
