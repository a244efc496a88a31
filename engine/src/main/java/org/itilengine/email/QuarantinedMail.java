package org.itilengine.email;

import static org.itilengine.process.ProcessText.atMost;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A mail the desk could not take, kept whole with the reason until an admin re-processes it. */
@Entity
@Table(name = "quarantined_mail")
public class QuarantinedMail {

  /** The reason columns. */
  private static final int MAX_REASON = 2000;

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

  /** SHA-256 of the raw bytes: the same mail read again finds its row (it may have no Message-ID). */
  @Column(name = "raw_sha256", length = 64)
  private String rawSha256;

  @Column(name = "quarantined_at", nullable = false)
  private Instant quarantinedAt;

  @Column(name = "reprocessed_at")
  private Instant reprocessedAt;

  @Column(name = "reprocess_result", length = 2000)
  private String reprocessResult;

  protected QuarantinedMail() {
  }

  public QuarantinedMail(String mailbox, String messageId, String reason, byte[] raw, String rawSha256,
      Instant quarantinedAt) {
    this.mailbox = mailbox;
    this.messageId = messageId;
    this.reason = atMost(reason, MAX_REASON);
    this.raw = raw;
    this.rawSha256 = rawSha256;
    this.quarantinedAt = quarantinedAt;
  }

  public static String digest(byte[] raw) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** Quarantined once more before it left the inbox: the row keeps its first time and takes the new reason. */
  public QuarantinedMail quarantinedAgain(String newReason, Instant at) {
    this.reason = atMost(newReason + " (again at " + at + ")", MAX_REASON);
    return this;
  }

  public void reprocessed(String result, Instant at) {
    this.reprocessResult = atMost(result, MAX_REASON);
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
