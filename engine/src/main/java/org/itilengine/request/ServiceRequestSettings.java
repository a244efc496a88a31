package org.itilengine.request;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The service catalog and how requests are approved and verified; all from configuration, so a
 * process owner adds an item without a release.
 *
 * @param requestAddresses mail to one of these addresses is a service request, not an incident
 * @param identityProvider the directory that fulfils automated items ({@code ldap} or {@code scim})
 * @param fallbackApprover approves instead of a manager or owner who is not named, cannot open
 *     Tasklist or is the requester
 * @param approvalEscalationGroup gets the approval task as well once it is overdue, and from the
 *     start an approval nobody else can take (two approvals are two people, never the requester)
 * @param defaultItem the item of a request that names none of the catalog's keywords
 * @param problemWords a subject with one of these words reports a problem: it opens an incident
 *     even when it also names a catalog keyword ("Password reset page shows an error")
 * @param verificationKey the secret one-time codes are hashed with (HMAC); the same on every node
 */
@Validated
@ConfigurationProperties("itil.service-requests")
public record ServiceRequestSettings(
    List<String> requestAddresses,
    @NotBlank String identityProvider,
    @NotBlank String fallbackApprover,
    @NotNull Duration approvalReminderAfter,
    @NotNull Duration approvalEscalationAfter,
    @NotBlank String approvalEscalationGroup,
    @NotNull Duration verificationCodeValidFor,
    @Min(1) int verificationMaxAttempts,
    @NotBlank String defaultItem,
    List<String> problemWords,
    @NotBlank String verificationKey,
    @NotEmpty List<@Valid CatalogItem> catalog) {

  public ServiceRequestSettings {
    requestAddresses = requestAddresses == null ? List.of()
        : requestAddresses.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
    problemWords = problemWords == null ? List.of() : List.copyOf(problemWords);
  }

  /**
   * One orderable service.
   *
   * @param keywords a mail whose subject contains one of these is a request for this item
   * @param automation fulfilled through the identity provider; null means by hand
   * @param fulfilmentGroup works the request by hand (also when automation fails)
   * @param approval whether the item can need approval at all (request-approval.dmn decides who)
   * @param selfService Tier 0: a verified directory user gets it with no agent involved
   * @param owner the application owner who approves where the DMN asks for one
   * @param grantableGroups for access to a group: the only groups that can be requested (none by
   *     default; the desk's and the administrators' groups belong on no such list)
   * @param resolutionTime the request's SLA
   */
  public record CatalogItem(@NotBlank String id, @NotBlank String name, List<String> keywords, Automation automation,
      @NotBlank String fulfilmentGroup, boolean approval, boolean selfService, String owner,
      List<@Valid GrantableGroup> grantableGroups, @NotNull Duration resolutionTime) {

    public CatalogItem {
      keywords = keywords == null ? List.of() : keywords.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
      grantableGroups = grantableGroups == null ? List.of() : List.copyOf(grantableGroups);
    }

    /** Exactly as configured: a group name that differs in case is another request, refused. */
    public boolean grants(String group) {
      return grantableGroups.stream().anyMatch(grantable -> grantable.name().equals(group));
    }

    /** The first word of the text that names a grantable group, ignoring case; as configured. */
    public Optional<String> grantableGroupNamedIn(String text) {
      return Arrays.stream(text.split("[\\s:,;]+")).flatMap(word -> grantableGroups.stream()
          .map(GrantableGroup::name).filter(word::equalsIgnoreCase)).findFirst();
    }

    /** Who approves as owner: the group's own owner where it has one, else the item's. */
    public String ownerOf(String group) {
      return grantableGroups.stream().filter(grantable -> grantable.name().equals(group) && grantable.owner() != null)
          .map(GrantableGroup::owner).findFirst().orElse(owner);
    }
  }

  /** A directory group that can be requested, and who owns it (approves access to it), if not the item's owner. */
  public record GrantableGroup(@NotBlank String name, String owner) {
  }

  /** When an approval that opens now escalates: the approval task's due date. */
  public Date approvalDueFrom(Instant now) {
    return Date.from(now.plus(approvalEscalationAfter));
  }

  public Optional<CatalogItem> item(String id) {
    return catalog.stream().filter(item -> item.id().equals(id)).findFirst();
  }

  /** The first item whose keyword the subject contains, unless the subject reports a problem. */
  public Optional<CatalogItem> itemForSubject(String subject) {
    String text = subject == null ? "" : subject.toLowerCase(Locale.ROOT);
    if (reportsProblem(text)) {
      return Optional.empty(); // an incident: a person looks, no self-service flow starts
    }
    return catalog.stream().filter(item -> item.keywords().stream().anyMatch(text::contains)).findFirst();
  }

  private boolean reportsProblem(String text) {
    if (problemWords.isEmpty()) {
      return false;
    }
    String anyWord = problemWords.stream().map(word -> Pattern.quote(word.toLowerCase(Locale.ROOT)))
        .collect(Collectors.joining("|"));
    return Pattern.compile("(?<![\\p{L}\\p{N}])(" + anyWord + ")(?![\\p{L}\\p{N}])").matcher(text).find();
  }

  public boolean isRequestAddress(List<String> recipients) {
    return recipients.stream().anyMatch(r -> requestAddresses.contains(r.toLowerCase(Locale.ROOT)));
  }
}
