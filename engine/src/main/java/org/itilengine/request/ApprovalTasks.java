package org.itilengine.request;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.task.Task;
import org.itilengine.email.TicketMailer;
import org.itilengine.people.PeopleDirectory;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketService;
import org.springframework.stereotype.Component;

/** The open approval task of a request and the mails about it (reminder, escalation). */
@Component
public class ApprovalTasks {

  private final TaskService taskService;
  private final TicketService tickets;
  private final TicketMailer mailer;
  private final PeopleDirectory people;

  public ApprovalTasks(TaskService taskService, TicketService tickets, TicketMailer mailer, PeopleDirectory people) {
    this.taskService = taskService;
    this.tickets = tickets;
    this.mailer = mailer;
    this.people = people;
  }

  public List<Task> open(DelegateExecution execution) {
    return taskService.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
        .taskDefinitionKey(ServiceRequestProcess.Elements.TASK_APPROVE).list();
  }

  public void addCandidateGroup(Task task, String group) {
    taskService.addCandidateGroup(task.getId(), group);
  }

  /** Mails each address about the approval waiting in the task; returns how many were mailed. */
  public int mail(DelegateExecution execution, Task task, List<String> addresses, String template) {
    Ticket ticket = tickets.of(execution);
    Map<String, String> values = new HashMap<>();
    values.put("ticketKey", ticket.getKey());
    values.put("title", ticket.getTitle());
    values.put("itemName", ticket.getSubcategory());
    values.put("requesterName", ticket.getRequesterName() != null ? ticket.getRequesterName() : ticket.getRequesterEmail());
    values.put("approverName", task.getAssignee() == null ? "" : people.displayName(task.getAssignee()));
    addresses.forEach(to -> mailer.send(ticket, to, template, values, null));
    return addresses.size();
  }
}
