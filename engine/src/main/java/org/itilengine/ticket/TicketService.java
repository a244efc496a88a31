package org.itilengine.ticket;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.hibernate.Session;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Opens tickets with their human key and looks them up; every change joins the caller's transaction. */
@Service
@Transactional
public class TicketService {

  private final TicketRepository tickets;
  private final JdbcTemplate jdbc;
  private final EntityManager entityManager;

  public TicketService(TicketRepository tickets, JdbcTemplate jdbc, EntityManager entityManager) {
    this.tickets = tickets;
    this.jdbc = jdbc;
    this.entityManager = entityManager;
  }

  public Ticket open(NewTicket request) {
    // Addresses are compared and looked up in lower case (mail intake, the queue by requester).
    Ticket ticket = new Ticket(nextKey(request.type()), request.type(), request.title(),
        request.description(), request.requesterEmail().toLowerCase(Locale.ROOT), request.requesterName(), now());
    return tickets.save(ticket);
  }

  /**
   * By natural id: served from the persistence context when the ticket was already loaded in this
   * transaction, which is the rule as one process step after another reads the same ticket.
   */
  public Ticket get(String key) {
    return find(key).orElseThrow(() -> new IllegalStateException("No ticket with key " + key));
  }

  /**
   * The ticket a process instance works on, by its business key: the register step sets it and no
   * API changes it, while completing a task can write any process variable (a ticketKey naming
   * someone else's ticket, too).
   */
  public Ticket of(DelegateExecution execution) {
    return get(execution.getProcessBusinessKey());
  }

  /** The ticket of the task's process instance, as above. */
  public Ticket of(DelegateTask task) {
    return of(task.getExecution());
  }

  public Optional<Ticket> find(String key) {
    return entityManager.unwrap(Session.class).bySimpleNaturalId(Ticket.class).loadOptional(key);
  }

  /** The engine's clock, so ticket times and timer due dates agree (also when a test moves the clock). */
  public Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  /**
   * The counter row is locked by the update, so engine nodes sharing one database never hand out
   * the same key twice.
   */
  private String nextKey(TicketType type) {
    int updated = jdbc.update(
        "update ticket_key_counter set last_value = last_value + 1 where ticket_type = ?", type.name());
    if (updated != 1) {
      throw new IllegalStateException("No key counter for ticket type " + type);
    }
    Long number = jdbc.queryForObject(
        "select last_value from ticket_key_counter where ticket_type = ?", Long.class, type.name());
    return type.formatKey(number);
  }
}
