package org.itilengine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Free ports for the embedded mail server, so test contexts that live side by side never clash.
 * Use with {@code @ContextConfiguration(initializers = TestMailPorts.class)}.
 */
public class TestMailPorts implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-mail-ports", Map.of(
        "itil.mail.embedded.imap-port", freePort(),
        "itil.mail.embedded.smtp-port", freePort(),
        "itil.mail.poll-interval", "200ms")));
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
