package org.itilengine.connectors.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real-world-shaped mails (charsets, MIME structures, broken ones) under
 * src/test/resources/mail-corpus: each either parses to what expectations.txt says, or is
 * refused with the reason it names (and would go to quarantine).
 */
class MailParserCorpusTest {

  private final MailParser parser = new MailParser(100_000, 1_000_000);

  static Stream<Arguments> corpus() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    for (String line : resource("expectations.txt").lines().toList()) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split(" = ", 2);
      cases.add(Arguments.of(parts[0], List.of(parts[1].split("\\|"))));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void everyMailIsParsedOrRefusedWithAReason(String file, List<String> expectations) throws Exception {
    byte[] raw = bytes(file);
    if (expectations.get(0).startsWith("QUARANTINE:")) {
      String reason = expectations.get(0).substring("QUARANTINE:".length());
      assertThatThrownBy(() -> parser.parse(raw)).isInstanceOf(UnparseableMailException.class)
          .hasMessageContaining(reason);
      return;
    }
    ParsedMail mail = parser.parse(raw);
    assertThat(mail.fromAddress()).contains("@");
    assertThat(mail.messageId()).startsWith("<").endsWith(">");
    for (String expectation : expectations) {
      String[] kv = expectation.split(":", 2);
      String value = kv.length > 1 ? kv[1] : "";
      switch (kv[0]) {
        case "TEXT" -> assertThat(mail.text()).contains(value);
        case "NOTEXT" -> assertThat(mail.text()).doesNotContain(value);
        case "SUBJECT" -> assertThat(mail.subject()).isEqualTo(value);
        case "ATTACHMENT" -> assertThat(mail.attachments()).extracting(ParsedMail.Attachment::fileName).contains(value);
        case "ATTACHMENTS" -> assertThat(mail.attachments()).hasSize(Integer.parseInt(value));
        case "DROPPED" -> assertThat(mail.droppedAttachments()).containsExactly(value);
        case "SYNTHETIC_ID" -> assertThat(mail.messageId()).endsWith("@no-message-id.invalid>")
            .isEqualTo(parser.parse(raw).messageId());
        case "REQUESTER" -> assertThat(mail.requesterAddress()).isEqualTo(value);
        case "INREPLYTO" -> assertThat(mail.inReplyTo()).isEqualTo(value);
        case "REFERENCES" -> assertThat(mail.references()).hasSize(Integer.parseInt(value));
        case "AUTO" -> assertThat(mail.autoSubmitted()).isEqualTo(value);
        case "SUPPRESS" -> assertThat(mail.autoResponseSuppressed()).isTrue();
        case "LIST" -> assertThat(mail.listId()).isEqualTo(value);
        case "PRECEDENCE" -> assertThat(mail.precedence()).isEqualTo(value);
        case "BOUNCE" -> assertThat(mail.bounceOf()).isEqualTo(value);
        case "FAILED" -> assertThat(mail.deliveryFailed()).isEqualTo(Boolean.parseBoolean(value));
        case "PRINTABLE" -> {
          List<String> texts = new ArrayList<>(List.of(mail.subject(), mail.text(), mail.fromName(), mail.messageId()));
          texts.addAll(mail.recipients());
          assertThat(texts).allSatisfy(text -> assertThat(text).doesNotContainPattern("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]"));
        }
        case "LOOP" -> assertThat(mail.fromOurLoop()).isTrue();
        default -> throw new IllegalArgumentException("Unknown expectation " + expectation + " for " + file);
      }
    }
  }

  private static byte[] bytes(String file) throws IOException {
    try (InputStream in = MailParserCorpusTest.class.getResourceAsStream("/mail-corpus/" + file)) {
      return in.readAllBytes();
    }
  }

  private static String resource(String file) throws IOException {
    return new String(bytes(file), StandardCharsets.UTF_8);
  }
}
