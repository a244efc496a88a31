package org.itilengine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Free ports for the embedded mail and directory servers, so test contexts that live side by side
 * never clash.
 * Use with {@code @ContextConfiguration(initializers = TestPorts.class)}.
 */
public class TestPorts implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    int[] ports = freePorts(3);
    context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-ports", Map.of(
        "itil.mail.embedded.imap-port", ports[0],
        "itil.mail.embedded.smtp-port", ports[1],
        "itil.directory.embedded.port", ports[2],
        "itil.mail.poll-interval", "200ms")));
  }

  /** Distinct free ports: all sockets stay open until every port is known. */
  public static int[] freePorts(int count) {
    ServerSocket[] sockets = new ServerSocket[count];
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        sockets[i] = new ServerSocket(0);
        ports[i] = sockets[i].getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          if (socket != null) {
            socket.close();
          }
        } catch (IOException ignored) {
          // it was only a probe
        }
      }
    }
  }
}
