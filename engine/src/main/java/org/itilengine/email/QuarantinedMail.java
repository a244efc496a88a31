package org.itilengine.email;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A mail the desk could not take, kept whole with the reason until an admin re-processes it. */
@Entity
@Table(name = "quarantined_mail")
public class QuarantinedMail {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false)
  private String mailbox;

  @Column(name = "message_id")
  private String messageId;

  @Column(nullable = false, length = 2000)
  private String reason;

  @JdbcTypeCode(SqlTypes.VARBINARY)
  @Column(nullable = false)
  private byte[] raw;

  @Column(name = "quarantined_at", nullable = false)
  private Instant quarantinedAt;

  @Column(name = "reprocessed_at")
  private Instant reprocessedAt;

  @Column(name = "reprocess_result", length = 2000)
  private String reprocessResult;

  protected QuarantinedMail() {
  }

  public QuarantinedMail(String mailbox, String messageId, String reason, byte[] raw, Instant quarantinedAt) {
    this.mailbox = mailbox;
    this.messageId = messageId;
    this.reason = reason.length() > 2000 ? reason.substring(0, 2000) : reason;
    this.raw = raw;
    this.quarantinedAt = quarantinedAt;
  }

  public void reprocessed(String result, Instant at) {
    this.reprocessResult = result.length() > 2000 ? result.substring(0, 2000) : result;
    this.reprocessedAt = at;
  }

  public Long getId() {
    return id;
  }

  public String getMailbox() {
    return mailbox;
  }

  public String getMessageId() {
    return messageId;
  }

  public String getReason() {
    return reason;
  }

  public byte[] getRaw() {
    return raw;
  }

  public Instant getQuarantinedAt() {
    return quarantinedAt;
  }

  public Instant getReprocessedAt() {
    return reprocessedAt;
  }

  public String getReprocessResult() {
    return reprocessResult;
  }
}
