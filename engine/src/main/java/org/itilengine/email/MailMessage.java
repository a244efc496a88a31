package org.itilengine.email;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One mail the desk received or sent. The unique Message-ID makes intake exactly-once: the row is
 * written in the transaction that opens or updates the ticket, and a mail read twice finds it.
 */
@Entity
@Table(name = "mail_message")
public class MailMessage {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "message_id", nullable = false, unique = true, updatable = false)
  private String messageId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private MailDirection direction;

  @Column(name = "ticket_key")
  private String ticketKey;

  private String mailbox;

  /** The sender of an inbound mail, the recipient of an outbound one. */
  @Column(nullable = false)
  private String address;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private MailDisposition disposition;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  /** For a mail a job sent: the job and the mail's content, so the job run again does not send it twice. */
  @Column(name = "delivery_key", unique = true, updatable = false)
  private String deliveryKey;

  /** A mail we sent with a secret in it: a reply quotes it, so nothing of the reply is kept. */
  @Column(name = "carries_secret", nullable = false, updatable = false)
  private boolean carriesSecret;

  protected MailMessage() {
  }

  public MailMessage(String messageId, MailDirection direction, String ticketKey, String mailbox, String address,
      MailDisposition disposition, Instant createdAt) {
    this.messageId = messageId;
    this.direction = direction;
    this.ticketKey = ticketKey;
    this.mailbox = mailbox;
    this.address = address;
    this.disposition = disposition;
    this.createdAt = createdAt;
  }

  public MailMessage deliveredAs(String key) {
    this.deliveryKey = key;
    return this;
  }

  public MailMessage carryingSecret(boolean secret) {
    this.carriesSecret = secret;
    return this;
  }

  public String getMessageId() {
    return messageId;
  }

  public MailDirection getDirection() {
    return direction;
  }

  public String getTicketKey() {
    return ticketKey;
  }

  public String getAddress() {
    return address;
  }

  public MailDisposition getDisposition() {
    return disposition;
  }

  public boolean carriesSecret() {
    return carriesSecret;
  }
}
