package org.itilengine.incident;

import static org.itilengine.incident.IncidentProcess.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.itilengine.process.ProcessText;
import org.itilengine.ticket.EntryKind;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketService;
import org.itilengine.ticket.Tier;
import org.springframework.stereotype.Component;

/**
 * Functional escalation to the next tier. The hand-off note goes into the journal and is shown to
 * the next tier above the notes of the tiers before; the field is cleared so the next agent
 * writes their own. The vendor is the last tier: a breach there keeps the incident with the vendor
 * and its owner, with a fresh target.
 */
@Component("escalateTier")
public class EscalateTier implements JavaDelegate {

  private final TicketService tickets;

  public EscalateTier(TicketService tickets) {
    this.tickets = tickets;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Ticket ticket = tickets.of(execution);
    Tier from = TIER.require(execution);
    Tier to = from.next();
    String note = HAND_OFF_NOTE.require(execution);
    String author = HAND_OFF_AUTHOR.find(execution).orElse("engine");

    execution.removeVariable(HAND_OFF_NOTE.name());
    execution.removeVariable(OUTCOME.name());
    if (to == from) { // only a breach gets here: agents cannot escalate from the last tier
      ticket.addEntry(EntryKind.SYSTEM, author, tickets.now(),
          "Resolution SLA breached at %s, the last tier: it stays there, with its case owner".formatted(from));
      TIER_ASSIGNEE.set(execution, ticket.getCaseOwner());
      return;
    }
    String handOff = "%s (%s, %s)".formatted(note, author, from);
    PREVIOUS_HAND_OFF_NOTE.set(execution, ProcessText.fit(PREVIOUS_HAND_OFF_NOTE.find(execution)
        .map(earlier -> handOff + "\n\n" + earlier).orElse(handOff)));
    ticket.escalateTo(to);
    ticket.addEntry(EntryKind.HAND_OFF, author, tickets.now(), "Escalated %s → %s: %s".formatted(from, to, note));
    TIER.set(execution, to);
    TIER_ASSIGNEE.set(execution, null); // the next tier's queue, not the agent of this one
  }
}
