package org.itilengine.connectors.mail;

import java.util.List;

/**
 * What the desk needs from one inbound mail, decoded: addresses, subject and text in Unicode,
 * threading and loop-protection headers, attachments. Raw headers are not kept.
 *
 * @param messageId the Message-ID, or a stable hash of headers and body when the mail has none
 * @param text the plain-text body; HTML-only mail is converted to text (no markup survives)
 * @param autoSubmitted the Auto-Submitted header, null when absent
 * @param bounceOf for a delivery-status report, the Message-ID of the mail it reports on
 * @param deliveryFailed whether that report says the delivery failed for good (not delayed)
 */
public record ParsedMail(
    String messageId,
    String fromAddress,
    String fromName,
    String replyToAddress,
    List<String> recipients,
    String subject,
    String text,
    String inReplyTo,
    List<String> references,
    String autoSubmitted,
    String precedence,
    String listId,
    boolean autoResponseSuppressed,
    boolean fromOurLoop,
    String bounceOf,
    boolean deliveryFailed,
    List<Attachment> attachments,
    List<String> droppedAttachments) {

  public ParsedMail {
    recipients = List.copyOf(recipients);
    references = List.copyOf(references);
    attachments = List.copyOf(attachments);
    droppedAttachments = List.copyOf(droppedAttachments);
  }

  /** Where answers go: Reply-To when the sender set one, else From. */
  public String requesterAddress() {
    return replyToAddress != null ? replyToAddress : fromAddress;
  }

  /** False when the mail came without a Message-ID and {@link #messageId} is our hash of it. */
  public boolean hasOwnMessageId() {
    return !MailParser.isSyntheticId(messageId);
  }

  /** The same mail with this text instead of its own and no attachments: for content that must not be kept. */
  public ParsedMail withoutContent(String text) {
    return new ParsedMail(messageId, fromAddress, fromName, replyToAddress, recipients, subject, text, inReplyTo,
        references, autoSubmitted, precedence, listId, autoResponseSuppressed, fromOurLoop, bounceOf, deliveryFailed,
        List.of(), List.of());
  }

  /** Every Message-ID this mail answers, nearest first. */
  public List<String> threadIds() {
    var ids = new java.util.ArrayList<String>();
    if (inReplyTo != null) {
      ids.add(inReplyTo);
    }
    for (int i = references.size() - 1; i >= 0; i--) {
      if (!ids.contains(references.get(i))) {
        ids.add(references.get(i));
      }
    }
    return ids;
  }

  public record Attachment(String fileName, String contentType, byte[] content) {
  }
}
