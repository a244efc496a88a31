package org.itilengine.incident;

import static org.itilengine.incident.IncidentProcess.*;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.variable.Variables;
import org.itilengine.catalog.CategoryCatalog;
import org.itilengine.catalog.CategoryCatalog.Classification;
import org.itilengine.process.ProcessText;
import org.itilengine.ticket.EntryKind;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketService;
import org.itilengine.ticket.Tier;
import org.springframework.stereotype.Component;

/**
 * Checks what an agent submits at the end of a tier's work, whatever client they used (Tasklist
 * validates the form, the REST API does not): a catalog category, and a resolution with its code
 * and notes, an escalation with a hand-off note the next tier can act on, a question for the
 * requester (journaled as a public reply; the ticket then waits for the answer), or an update for
 * the requester (journaled and mailed; the agent goes on working). After a question or an update
 * the task comes back to the same agent.
 */
@Component("acceptTierOutcome")
public class AcceptTierOutcome implements TaskListener {

  static final int MIN_NOTE_LENGTH = 20;
  static final int MIN_MESSAGE_LENGTH = 10;

  private final TicketService tickets;
  private final CategoryCatalog catalog;
  private final RuntimeService runtime;

  public AcceptTierOutcome(TicketService tickets, CategoryCatalog catalog, RuntimeService runtime) {
    this.tickets = tickets;
    this.catalog = catalog;
    this.runtime = runtime;
  }

  @Override
  public void notify(DelegateTask task) {
    Tier tier = TIER.require(task);
    TierOutcome outcome = OUTCOME.find(task)
        .orElseThrow(() -> new NotValidException(
            "Choose an outcome: RESOLVED, ESCALATE, ASK_REQUESTER or UPDATE_REQUESTER"));
    Classification classification;
    try {
      classification = catalog.classify(CATEGORY_PATH.find(task).orElse(null));
    } catch (IllegalArgumentException e) {
      throw new NotValidException("Choose a category from the catalog: " + e.getMessage());
    }
    String agent = agentOf(task);

    Ticket ticket = tickets.of(task);
    switch (outcome) {
      case ESCALATE -> {
        if (tier == Tier.VENDOR) {
          throw new NotValidException("The vendor is the last tier; resolve the incident with the vendor's fix");
        }
        requireText(HAND_OFF_NOTE.find(task).orElse(null),
            "A hand-off note of at least " + MIN_NOTE_LENGTH + " characters is required to escalate");
        HAND_OFF_AUTHOR.set(task, agent);
      }
      case RESOLVED -> {
        RESOLUTION_CODE.find(task)
            .orElseThrow(() -> new NotValidException("A resolution code is required to resolve"));
        requireText(RESOLUTION_NOTES.find(task).orElse(null),
            "Resolution notes of at least " + MIN_NOTE_LENGTH + " characters are required to resolve");
        RESOLVED_BY.set(task, agent);
      }
      case ASK_REQUESTER -> {
        String question = requireMessage(QUESTION_TO_REQUESTER.find(task).orElse(null), "question");
        ticket.addEntry(EntryKind.PUBLIC_REPLY, agent, tickets.now(), question);
        ticket.awaitRequester(tickets.now());
      }
      case UPDATE_REQUESTER -> {
        if (task.getExecution().getBpmnModelInstance().getModelElementById(Elements.GATEWAY_UPDATE_ONLY) == null) {
          throw new NotValidException("This incident runs on an older version of the process, which has no"
              + " update outcome; reply through POST /api/tickets/{key}/replies");
        }
        String update = requireMessage(AGENT_REPLY.find(task).orElse(null), "update");
        ticket.addEntry(EntryKind.PUBLIC_REPLY, agent, tickets.now(), update);
        var values = Variables.createVariables();
        AGENT_REPLY.putIn(values, update);
        AGENT_REPLY_AUTHOR.putIn(values, agent);
        RequesterMail.AGENT_REPLY.sendSeparately(runtime, ticket.getKey(), values);
        // Sent: the tier's next form starts blank rather than offering the same update again.
        task.getExecution().removeVariable(AGENT_REPLY.name());
      }
    }
    boolean staysWithAgent = outcome == TierOutcome.ASK_REQUESTER || outcome == TierOutcome.UPDATE_REQUESTER;
    TIER_ASSIGNEE.set(task.getExecution(), staysWithAgent ? agent : null);

    ticket.categorize(classification.category(), classification.subcategory());
    ticket.recordAgentActivity(agent, tickets.now());
    CATEGORY.set(task, classification.category());
    RESPONDED.set(task, true);
  }

  /** The assignee, or whoever completes an unclaimed task through the API. */
  private static String agentOf(DelegateTask task) {
    if (task.getAssignee() != null) {
      return task.getAssignee();
    }
    Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (current == null) {
      throw new NotValidException("Claim the task before completing it");
    }
    return current.getUserId();
  }

  private static String requireMessage(String text, String what) {
    String message = text == null ? "" : text.strip();
    if (message.length() < MIN_MESSAGE_LENGTH) {
      throw new NotValidException("Write the " + what + " for the requester (at least " + MIN_MESSAGE_LENGTH
          + " characters)");
    }
    return requireFits(message);
  }

  private static void requireText(String text, String message) {
    if (text == null || text.strip().length() < MIN_NOTE_LENGTH) {
      throw new NotValidException(message);
    }
    requireFits(text);
  }

  /** The forms stop at this length; a task completed through the REST API is told the same. */
  private static String requireFits(String text) {
    if (!ProcessText.fits(text)) {
      throw new NotValidException("Write at most " + ProcessText.MAX_LENGTH + " characters");
    }
    return text;
  }
}
