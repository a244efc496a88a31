package org.itilengine.request;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.task.Task;
import org.itilengine.email.TicketMailer;
import org.itilengine.people.PeopleDirectory;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketService;
import org.springframework.stereotype.Component;

/**
 * The open approval task of a request and the mails about it (reminder, escalation). An approver
 * is a user id, or {@code group:<id>} for an approval left to a group from the start because no
 * other person could approve it; service-request.bpmn assigns the task through
 * {@link #userOf} and {@link #groupsOf}.
 */
@Component
public class ApprovalTasks {

  private static final String GROUP = "group:";

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

  /** The approver that leaves an approval to this group. */
  public static String group(String groupId) {
    return GROUP + groupId;
  }

  /** Whom the approval task is assigned to: the approver, none when it is left to a group. */
  public String userOf(String approver) {
    return groupOf(approver).isPresent() ? null : approver;
  }

  /** The candidate groups of the approval task: the group it is left to, none for a person's. */
  public List<String> groupsOf(String approver) {
    return groupOf(approver).stream().toList();
  }

  /** "Bob Brandt", or "the group service-desk-l2". */
  public String describe(String approver) {
    return groupOf(approver).map(group -> "the group " + group).orElseGet(() -> people.displayName(approver));
  }

  /** The approver whose turn the task is (the approval loop's element). */
  public String approverOf(Task task) {
    return (String) taskService.getVariable(task.getId(), ServiceRequestProcess.APPROVER.name());
  }

  /** Who is asked to decide: the approver, or the members of the group the approval is left to. */
  public List<String> addressesOfDeciders(Task task) {
    return groupOf(approverOf(task)).map(people::emailsOfGroup).orElseGet(() -> people.emailsOfUser(task.getAssignee()));
  }

  private static Optional<String> groupOf(String approver) {
    return approver.startsWith(GROUP) ? Optional.of(approver.substring(GROUP.length())) : Optional.empty();
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
    values.put("approverName", describe(approverOf(task)));
    addresses.forEach(to -> mailer.send(ticket, to, template, values, null));
    return addresses.size();
  }
}
