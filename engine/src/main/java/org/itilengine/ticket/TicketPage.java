package org.itilengine.ticket;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A ticket's whole conversation and journal as a page, for agents in Tasklist: the task forms link
 * to it, since a form shows only what process variables hold (the latest mail, not the thread).
 * Read-only, the same access as the desk API ({@link TicketAccess}); every value is escaped and the
 * page may run no script.
 */
@RestController
public class TicketPage {

  private final TicketController tickets;

  public TicketPage(TicketController tickets) {
    this.tickets = tickets;
  }

  @GetMapping("/desk/tickets/{key}")
  public ResponseEntity<String> page(@PathVariable String key) {
    TicketController.TicketView ticket = tickets.read(key);
    StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(htmlEscape(ticket.key())).append("</title><style>body{font-family:sans-serif;max-width:60em;margin:2em auto}"
            + "pre{white-space:pre-wrap;font-family:inherit;margin:.3em 0 1em}.meta{color:#555;font-size:90%}</style>"
            + "</head><body><h1>").append(htmlEscape(ticket.key() + ": " + ticket.title())).append("</h1><p class=\"meta\">")
        .append(htmlEscape(String.join(" · ", Stream.of(ticket.status(), "priority " + ticket.priority(),
            "tier " + ticket.tier(), "requester " + ticket.requesterEmail(), "case owner " + ticket.caseOwner())
            .filter(part -> !part.endsWith(" null")).toList())));
    if (!ticket.watchers().isEmpty()) {
      html.append("<br>Watchers: ").append(htmlEscape(String.join(", ", ticket.watchers())));
    }
    html.append("</p><pre>").append(htmlEscape(String.valueOf(ticket.description()))).append("</pre><h2>Journal</h2>");
    for (TicketController.EntryView entry : ticket.journal()) {
      html.append("<p class=\"meta\">").append(htmlEscape(entry.at() + " · " + entry.kind() + " · " + entry.author()))
          .append("</p><pre>").append(htmlEscape(entry.text())).append("</pre>");
    }
    if (!ticket.attachments().isEmpty()) {
      html.append("<h2>Attachments</h2><ul>");
      ticket.attachments().forEach(file -> html.append("<li>").append(htmlEscape(file.fileName() + " ("
          + file.sizeBytes() + " bytes, " + file.createdAt() + ")")).append("</li>"));
      html.append("</ul>");
    }
    return ResponseEntity.ok()
        .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
        .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
        .header("X-Content-Type-Options", "nosniff")
        .cacheControl(CacheControl.noStore().cachePrivate())
        .body(html.append("</body></html>").toString());
  }
}
