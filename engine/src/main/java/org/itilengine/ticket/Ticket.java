package org.itilengine.ticket;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.hibernate.annotations.NaturalId;
import org.itilengine.security.ItilGroup;

/**
 * The system of record for every ITIL ticket. Process variables carry only what gateways and forms
 * need; reporting reads these rows.
 */
@Entity
@Table(name = "ticket")
public class Ticket {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Version
  private long version;

  @NaturalId
  @Column(name = "ticket_key", nullable = false, unique = true, updatable = false)
  private String key;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, updatable = false)
  private TicketType type;

  @Column(nullable = false)
  private String title;

  @Column(length = 20000)
  private String description;

  @Column(name = "requester_email", nullable = false)
  private String requesterEmail;

  @Column(name = "requester_name")
  private String requesterName;

  /** Who sent the reporting mail when it asked for answers elsewhere (Reply-To): they may answer too. */
  @Column(name = "sender_email")
  private String senderEmail;

  private String category;

  private String subcategory;

  @Enumerated(EnumType.STRING)
  private Level impact;

  @Enumerated(EnumType.STRING)
  private Level urgency;

  @Enumerated(EnumType.STRING)
  private Priority priority;

  @Enumerated(EnumType.STRING)
  private Tier tier;

  @Column(name = "assignment_group")
  private String assignmentGroup;

  @Column(name = "case_owner")
  private String caseOwner;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private TicketStatus status;

  @Column(name = "major_incident", nullable = false)
  private boolean majorIncident;

  @Column(name = "opened_at", nullable = false, updatable = false)
  private Instant openedAt;

  @Column(name = "first_response_at")
  private Instant firstResponseAt;

  @Column(name = "resolved_at")
  private Instant resolvedAt;

  @Column(name = "closed_at")
  private Instant closedAt;

  @Column(name = "response_due_at")
  private Instant responseDueAt;

  @Column(name = "resolution_due_at")
  private Instant resolutionDueAt;

  @Column(name = "response_breached", nullable = false)
  private boolean responseBreached;

  @Column(name = "resolution_breached", nullable = false)
  private boolean resolutionBreached;

  @Column(name = "escalation_count", nullable = false)
  private int escalationCount;

  @Column(name = "reopen_count", nullable = false)
  private int reopenCount;

  @Enumerated(EnumType.STRING)
  @Column(name = "resolved_tier")
  private Tier resolvedTier;

  @Column(name = "resolution_code")
  private String resolutionCode;

  @Column(name = "closure_code")
  private String closureCode;

  @Column(name = "first_contact_resolution")
  private Boolean firstContactResolution;

  @Column(name = "process_instance_id")
  private String processInstanceId;

  @Column(name = "pending_since")
  private Instant pendingSince;

  @Column(name = "satisfaction_score")
  private Integer satisfactionScore;

  /** The earlier ticket this one follows up (a late reply, or a stranger quoting its key). */
  @Column(name = "related_ticket_key")
  private String relatedTicketKey;

  @OneToMany(mappedBy = "ticket", cascade = CascadeType.ALL, orphanRemoval = true)
  @OrderBy("createdAt, id")
  private List<TicketEntry> journal = new ArrayList<>();

  @ManyToMany
  @JoinTable(name = "ticket_configuration_item",
      joinColumns = @JoinColumn(name = "ticket_id"),
      inverseJoinColumns = @JoinColumn(name = "configuration_item_id"))
  private Set<ConfigurationItem> configurationItems = new HashSet<>();

  /** What a description and a journal entry hold (their columns). */
  public static final int MAX_TEXT_LENGTH = 20_000;
  /** Enough for a team on Cc; a mail to a whole mailing list does not make hundreds of writers. */
  public static final int MAX_WATCHERS = 20;
  /** The catalog category of security incidents (incident-assignment.dmn routes it to the security team). */
  public static final String SECURITY_CATEGORY = "Security";
  /** A plain address within the lengths of RFC 5321, so it fits the address columns. */
  private static final Pattern MAIL_ADDRESS = Pattern.compile("[^@\\s\\p{Cntrl},;]{1,64}@[^@\\s\\p{Cntrl},;]{1,255}");

  /**
   * Everyone else the reporting mail went to, and whom agents added: their mails are kept on the
   * ticket as replies, but only the requester's answers move it (confirm, "not fixed", answer a
   * question). Addresses in lower case.
   */
  @ElementCollection
  @CollectionTable(name = "ticket_watcher", joinColumns = @JoinColumn(name = "ticket_id"))
  @Column(name = "address", nullable = false)
  private Set<String> watchers = new HashSet<>();

  /** Whom an agent took off the watchers: a requester's Cc does not put them back, only an agent can. */
  @ElementCollection
  @CollectionTable(name = "ticket_removed_watcher", joinColumns = @JoinColumn(name = "ticket_id"))
  @Column(name = "address", nullable = false)
  private Set<String> removedWatchers = new HashSet<>();

  protected Ticket() {
  }

  Ticket(String key, TicketType type, String title, String description, String requesterEmail,
      String requesterName, Instant openedAt) {
    this.key = key;
    this.type = type;
    this.title = title;
    this.description = description;
    this.requesterEmail = requesterEmail;
    this.requesterName = requesterName;
    this.openedAt = openedAt;
    this.status = TicketStatus.NEW;
  }

  /**
   * Adds the addresses while there is room, except whom an agent removed; what does not fit is left
   * out. @return who was added
   */
  public List<String> addWatchers(Collection<String> addresses) {
    List<String> added = addresses.stream().map(a -> a.toLowerCase(Locale.ROOT)).distinct()
        .filter(a -> !watchers.contains(a) && !removedWatchers.contains(a)).limit(Math.max(0, MAX_WATCHERS - watchers.size())).sorted().toList();
    watchers.addAll(added);
    return added;
  }

  /** The requester, or who sent the reporting mail on the requester's behalf (with a Reply-To). */
  public boolean isRequester(String address) {
    return address.equalsIgnoreCase(requesterEmail) || address.equalsIgnoreCase(senderEmail);
  }

  public boolean isWatcher(String address) {
    return watchers.contains(address.toLowerCase(Locale.ROOT));
  }

  /** An agent adds the address, also one removed before. @return false when the address was watching already */
  public boolean addWatcher(String address) {
    String watcher = address.toLowerCase(Locale.ROOT);
    removedWatchers.remove(watcher);
    if (watchers.contains(watcher)) {
      return false;
    }
    if (watchers.size() >= MAX_WATCHERS) {
      throw new IllegalStateException(key + " has " + MAX_WATCHERS + " watchers already");
    }
    return watchers.add(watcher);
  }

  /**
   * Whether the address is one plain mailbox ("name@example.org") that fits a requester's or
   * watcher's column and that the mail server route takes as one recipient (it splits at commas
   * and semicolons).
   */
  public static boolean isMailAddress(String address) {
    if (address == null || !MAIL_ADDRESS.matcher(address).matches()) {
      return false;
    }
    try {
      new InternetAddress(address, true);
      return true;
    } catch (AddressException e) {
      return false;
    }
  }

  /** An agent removes the address for good (see {@link #addWatchers}). @return false when it was not watching */
  public boolean removeWatcher(String address) {
    String watcher = address.toLowerCase(Locale.ROOT);
    return watchers.remove(watcher) && removedWatchers.add(watcher);
  }

  /**
   * Whether the address is in the requester's mail domain. Only such watchers get copies of the
   * conversation: anyone can put a stranger on Cc of a mail that claims to come from someone else.
   */
  public boolean isRequesterColleague(String address) {
    return domainOf(address).equalsIgnoreCase(requesterDomain());
  }

  public String requesterDomain() {
    return domainOf(requesterEmail);
  }

  private static String domainOf(String address) {
    return address.substring(address.lastIndexOf('@') + 1);
  }

  public Set<String> getWatchers() {
    return Set.copyOf(watchers);
  }

  /** A self-service request waits for the one-time code mailed to its requester: nobody else may write to it. */
  public boolean awaitsOneTimeCode() {
    return type == TicketType.SERVICE_REQUEST && status == TicketStatus.PENDING_REQUESTER;
  }

  public TicketEntry addEntry(EntryKind kind, String author, Instant at, String text) {
    TicketEntry entry = new TicketEntry(this, kind, author, at, text);
    journal.add(entry);
    return entry;
  }

  /** The first time an agent takes or completes the case is the first response. */
  public void recordAgentActivity(String agent, Instant at) {
    if (caseOwner == null || !caseOwner.equals(agent)) {
      caseOwner = agent;
    }
    if (firstResponseAt == null) {
      firstResponseAt = at;
    }
    if (status == TicketStatus.NEW) {
      status = TicketStatus.IN_PROGRESS;
    }
  }

  public void awaitRequester(Instant since) {
    status = TicketStatus.PENDING_REQUESTER;
    pendingSince = since;
  }

  /** Back in progress; returns how long the ticket waited for the requester. */
  public Duration requesterAnswered(Instant at) {
    Duration waited = pendingSince == null ? Duration.ZERO : Duration.between(pendingSince, at);
    if (status == TicketStatus.PENDING_REQUESTER) {
      status = TicketStatus.IN_PROGRESS;
    }
    pendingSince = null;
    return waited.isNegative() ? Duration.ZERO : waited;
  }

  public Integer getSatisfactionScore() {
    return satisfactionScore;
  }

  public void rateSatisfaction(Integer score) {
    this.satisfactionScore = score;
  }

  public void escalateTo(Tier nextTier) {
    if (nextTier != tier) {
      escalationCount++;
    }
    tier = nextTier;
    caseOwner = null;
  }

  public void resolve(String code, Tier byTier, Instant at) {
    status = TicketStatus.RESOLVED;
    resolutionCode = code;
    resolvedTier = byTier;
    resolvedAt = at;
  }

  public void reopen() {
    reopenCount++;
    status = TicketStatus.IN_PROGRESS;
    tier = resolvedTier;
    resolvedAt = null;
  }

  /** First-contact resolution: resolved at L1, never escalated, never reopened. */
  public void close(String closureCode, Instant at) {
    this.closureCode = closureCode;
    this.status = TicketStatus.CLOSED;
    this.closedAt = at;
    this.firstContactResolution = resolvedTier == Tier.L1 && escalationCount == 0 && reopenCount == 0;
  }

  public Long getId() {
    return id;
  }

  public String getKey() {
    return key;
  }

  public TicketType getType() {
    return type;
  }

  public String getTitle() {
    return title;
  }

  public String getDescription() {
    return description;
  }

  public String getSenderEmail() {
    return senderEmail;
  }

  public void setSenderEmail(String senderEmail) {
    this.senderEmail = senderEmail;
  }

  public String getRequesterEmail() {
    return requesterEmail;
  }

  public String getRequesterName() {
    return requesterName;
  }

  public String getCategory() {
    return category;
  }

  /**
   * A security incident: worked by the security team, or classified as security by an agent (the
   * assignment decision sends that category to the security team, from the next tier on).
   */
  public boolean isSecurityCase() {
    return ItilGroup.SECURITY_TEAM.id().equals(assignmentGroup) || SECURITY_CATEGORY.equals(category);
  }

  public String getSubcategory() {
    return subcategory;
  }

  public void categorize(String category, String subcategory) {
    this.category = category;
    this.subcategory = subcategory;
  }

  public Level getImpact() {
    return impact;
  }

  public Level getUrgency() {
    return urgency;
  }

  public void assess(Level impact, Level urgency) {
    this.impact = impact;
    this.urgency = urgency;
  }

  public Priority getPriority() {
    return priority;
  }

  public void setPriority(Priority priority) {
    this.priority = priority;
  }

  public Tier getTier() {
    return tier;
  }

  public void setTier(Tier tier) {
    this.tier = tier;
  }

  public String getAssignmentGroup() {
    return assignmentGroup;
  }

  public void setAssignmentGroup(String assignmentGroup) {
    this.assignmentGroup = assignmentGroup;
  }

  public String getCaseOwner() {
    return caseOwner;
  }

  public TicketStatus getStatus() {
    return status;
  }

  public boolean isMajorIncident() {
    return majorIncident;
  }

  public void declareMajorIncident() {
    this.majorIncident = true;
  }

  public Instant getOpenedAt() {
    return openedAt;
  }

  public Instant getFirstResponseAt() {
    return firstResponseAt;
  }

  public Instant getResolvedAt() {
    return resolvedAt;
  }

  public Instant getClosedAt() {
    return closedAt;
  }

  public Instant getResponseDueAt() {
    return responseDueAt;
  }

  public Instant getResolutionDueAt() {
    return resolutionDueAt;
  }

  public void setSlaTargets(Instant responseDueAt, Instant resolutionDueAt) {
    this.responseDueAt = responseDueAt;
    this.resolutionDueAt = resolutionDueAt;
  }

  public void setResolutionDueAt(Instant resolutionDueAt) {
    this.resolutionDueAt = resolutionDueAt;
  }

  public boolean isResponseBreached() {
    return responseBreached;
  }

  public void markResponseBreached() {
    this.responseBreached = true;
  }

  public boolean isResolutionBreached() {
    return resolutionBreached;
  }

  public void markResolutionBreached() {
    this.resolutionBreached = true;
  }

  public int getEscalationCount() {
    return escalationCount;
  }

  public int getReopenCount() {
    return reopenCount;
  }

  public Tier getResolvedTier() {
    return resolvedTier;
  }

  public String getResolutionCode() {
    return resolutionCode;
  }

  public String getClosureCode() {
    return closureCode;
  }

  public Boolean getFirstContactResolution() {
    return firstContactResolution;
  }

  public String getProcessInstanceId() {
    return processInstanceId;
  }

  public void setProcessInstanceId(String processInstanceId) {
    this.processInstanceId = processInstanceId;
  }

  public String getRelatedTicketKey() {
    return relatedTicketKey;
  }

  public void relateTo(String ticketKey) {
    this.relatedTicketKey = ticketKey;
  }

  public List<TicketEntry> getJournal() {
    return journal;
  }

  public Set<ConfigurationItem> getConfigurationItems() {
    return configurationItems;
  }
}
