package org.itilengine.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.itilengine.Eventually.eventually;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.itilengine.DeskMail;
import org.itilengine.TestPorts;
import org.itilengine.connectors.mail.EmbeddedMailServer;
import org.itilengine.connectors.mail.MailParser;
import org.itilengine.connectors.mail.MailboxContents;
import org.itilengine.ticket.TicketRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * The corpus of real-world-shaped mails (the connectors' test resources: 8 charsets, nested and
 * broken MIME, HTML only, invites, signed, bounces, auto-replies, ...) put into the desk's inbox
 * at once and read by the running desk over IMAP. Every mail is taken (a ticket, a reply, or noise
 * on record) or quarantined with its reason, and the reader goes on to the mail after them.
 * A short unknown-key grace, so the reply quoting a ticket that does not exist opens one.
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:mail-corpus;DB_CLOSE_DELAY=-1",
    "itil.email.unknown-key-grace=1s"})
@DirtiesContext
@ContextConfiguration(initializers = TestPorts.class)
class MailCorpusThroughTheDeskTest {

  private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(<[^>]+>)");

  @Autowired EmbeddedMailServer mailServer;
  @Autowired MailMessageRepository mails;
  @Autowired QuarantinedMailRepository quarantine;
  @Autowired TicketRepository tickets;

  @Test
  void everyMailIsTakenOrQuarantinedWithItsReasonAndTheReaderGoesOn() throws Exception {
    Map<String, String> corpus = expectations();
    assertThat(corpus).hasSizeGreaterThanOrEqualTo(30);
    var desk = mailServer.greenMail().getUserManager().getUser(DeskMail.DESK);
    for (String file : corpus.keySet()) {
      desk.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes(file))));
    }
    new DeskMail(mailServer).send(DeskMail.mail("after-corpus@example.org", DeskMail.DESK, "After the corpus",
        "The reader still reads."));

    eventually(() -> tickets.findAll().stream().anyMatch(t -> t.getRequesterEmail().equals("after-corpus@example.org")),
        Boolean::booleanValue);
    eventually(() -> MailboxContents.read(mailServer.greenMail().getImap().getPort(), DeskMail.DESK, "demo", "INBOX")
        .stream().filter(m -> !MailboxContents.isSeen(m)).count(), unread -> unread == 0);

    List<QuarantinedMail> quarantined = quarantine.findByReprocessedAtIsNullOrderByQuarantinedAtAsc();
    corpus.forEach((file, expectation) -> {
      String raw = new String(bytes(file), StandardCharsets.UTF_8);
      Matcher id = MESSAGE_ID.matcher(raw);
      if (expectation.startsWith("QUARANTINE:")) {
        String header = id.find() ? id.group(1) : "";
        assertThat(quarantined).as(file).anySatisfy(q -> {
          assertThat(q.getReason()).contains(expectation.substring("QUARANTINE:".length()));
          assertThat(new String(q.getRaw(), StandardCharsets.UTF_8)).contains(header);
        });
      } else if (id.find()) {
        assertThat(mails.findByMessageId(id.group(1))).as(file + " taken").isPresent();
      } else { // no Message-ID: taken under the hash the parser gives it (the only such mail here)
        assertThat(mails.findAll()).as(file).extracting(MailMessage::getMessageId)
            .anyMatch(MailParser::isSyntheticId);
      }
    });
    assertThat(quarantined).as("only the unreadable ones")
        .hasSize((int) corpus.values().stream().filter(e -> e.startsWith("QUARANTINE:")).count());
  }

  /** File to its first expectation, from the corpus's expectations.txt. */
  private static Map<String, String> expectations() {
    Map<String, String> corpus = new LinkedHashMap<>();
    new String(bytes("expectations.txt"), StandardCharsets.UTF_8).lines()
        .filter(line -> !line.isBlank() && !line.startsWith("#"))
        .map(line -> line.split(" = ", 2))
        .forEach(parts -> corpus.put(parts[0], parts[1].split("\\|")[0]));
    return corpus;
  }

  private static byte[] bytes(String file) {
    try (InputStream in = MailCorpusThroughTheDeskTest.class.getResourceAsStream("/mail-corpus/" + file)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(file, e);
    }
  }
}
