package org.itilengine.connectors.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import org.apache.camel.CamelContext;
import org.apache.camel.component.mail.DefaultJavaMailSender;
import org.apache.camel.component.mail.JavaMailSender;
import org.apache.camel.component.mail.MailComponent;
import org.apache.camel.component.mail.MailConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Outbound SMTP keeps its connections open and reuses them. Opening one (greeting, EHLO, TLS,
 * AUTH, QUIT) cost ~45 ms per mail against the embedded server, sending over an open one ~1 ms
 * (bench/lifecycle.sh). Camel's own sender opens a connection per mail; these components replace
 * the {@code smtp} and {@code smtps} schemes with one that pools, and close the idle connections
 * (QUIT) when Camel stops.
 */
@Configuration(proxyBeanMethods = false)
public class SmtpConnections {

  @Bean("smtp")
  MailComponent smtp() {
    return new PoolingMailComponent(new ReusingConfiguration());
  }

  @Bean("smtps")
  MailComponent smtps() {
    return new PoolingMailComponent(new ReusingConfiguration());
  }

  /** Camel's mail component, whose senders' idle connections are closed when it stops. */
  static class PoolingMailComponent extends MailComponent {

    private final ReusingConfiguration pooling;

    PoolingMailComponent(ReusingConfiguration pooling) {
      super(pooling);
      this.pooling = pooling;
    }

    @Override
    protected void doStop() throws Exception {
      pooling.closeIdle();
      super.doStop();
    }
  }

  /**
   * Camel's configuration of the sender (host, port, login, TLS), with a sender that pools. Each
   * endpoint works on a copy; the copies share the list of senders made.
   */
  static class ReusingConfiguration extends MailConfiguration {

    private final List<ReusingSender> senders = new CopyOnWriteArrayList<>();

    /** Closes the connections no send is using; returns how many. */
    int closeIdle() {
      return senders.stream().mapToInt(ReusingSender::closeIdle).sum();
    }

    @Override
    protected JavaMailSender createJavaMailSender(CamelContext context) {
      JavaMailSender configured = super.createJavaMailSender(context);
      ReusingSender sender = new ReusingSender();
      senders.add(sender);
      sender.setJavaMailProperties(configured.getJavaMailProperties());
      sender.setHost(configured.getHost());
      sender.setPort(configured.getPort());
      sender.setUsername(configured.getUsername());
      sender.setPassword(configured.getPassword());
      sender.setAuthenticator(configured.getAuthenticator());
      sender.setProtocol(configured.getProtocol());
      sender.setSession(configured.getSession());
      return sender;
    }
  }

  /**
   * Takes an idle connection if it still answers (NOOP: the server may have closed it meanwhile),
   * else opens one. A connection that failed a send is closed, never reused; the failure goes to
   * the caller, whose job retries.
   */
  static class ReusingSender extends DefaultJavaMailSender {

    private final BlockingQueue<Transport> idle = new LinkedBlockingQueue<>();

    @Override
    public void send(MimeMessage message) throws MessagingException {
      Transport transport = connection();
      try {
        if (message.getSentDate() == null) {
          message.setSentDate(new Date());
        }
        String messageId = message.getMessageID();
        message.saveChanges();
        if (messageId != null) {
          message.setHeader("Message-ID", messageId); // saveChanges would make a new one
        }
        transport.sendMessage(message, message.getAllRecipients());
      } catch (MessagingException | RuntimeException e) {
        close(transport);
        throw e;
      }
      idle.offer(transport);
    }

    private Transport connection() throws MessagingException {
      for (Transport open = idle.poll(); open != null; open = idle.poll()) {
        if (open.isConnected()) {
          return open;
        }
        close(open);
      }
      Transport created = getTransport(getSession());
      PasswordAuthentication login = getPasswordAuthentication();
      created.connect(getHost(), getPort(), login.getUserName(), login.getPassword());
      return created;
    }

    int closeIdle() {
      int closed = 0;
      for (Transport open = idle.poll(); open != null; open = idle.poll()) {
        close(open);
        closed++;
      }
      return closed;
    }

    private static void close(Transport transport) {
      try {
        transport.close();
      } catch (MessagingException ignored) {
        // it is being thrown away
      }
    }
  }
}
