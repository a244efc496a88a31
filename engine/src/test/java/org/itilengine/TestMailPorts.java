package org.itilengine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Free ports for the embedded mail server, so test contexts that live side by side never clash. */
public final class TestMailPorts {

  private TestMailPorts() {
  }

  public static void register(DynamicPropertyRegistry registry) {
    int imap = freePort();
    int smtp = freePort();
    registry.add("itil.mail.embedded.imap-port", () -> imap);
    registry.add("itil.mail.embedded.smtp-port", () -> smtp);
    registry.add("itil.mail.poll-interval", () -> "200ms");
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
