package org.itilengine.ticket;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/** One line of a ticket's journal: a public reply, a work note or a hand-off, never edited afterwards. */
@Entity
@Table(name = "ticket_entry")
public class TicketEntry {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "ticket_id")
  private Ticket ticket;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private EntryKind kind;

  @Column(nullable = false)
  private String author;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(nullable = false, length = 20000)
  private String text;

  protected TicketEntry() {
  }

  TicketEntry(Ticket ticket, EntryKind kind, String author, Instant createdAt, String text) {
    this.ticket = ticket;
    this.kind = kind;
    this.author = author;
    this.createdAt = createdAt;
    this.text = text;
  }

  public Long getId() {
    return id;
  }

  public EntryKind getKind() {
    return kind;
  }

  public String getAuthor() {
    return author;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public String getText() {
    return text;
  }
}
