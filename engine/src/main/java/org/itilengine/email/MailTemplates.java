package org.itilengine.email;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The mail texts, kept in one place (src/main/resources/mail-templates) as a plain-text and an
 * HTML file per mail. The first line of the text file is the subject. Placeholders are
 * {{name}}; values are HTML-escaped in the HTML version.
 */
@Component
public class MailTemplates {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");
  private static final String SUBJECT = "Subject: ";

  private final Map<String, String> cache = new ConcurrentHashMap<>();

  public record RenderedMail(String subject, String text, String html) {
  }

  public RenderedMail render(String template, Map<String, String> values) {
    String text = load(template + ".txt");
    if (!text.startsWith(SUBJECT)) {
      throw new IllegalStateException("mail-templates/" + template + ".txt must start with '" + SUBJECT + "'");
    }
    int endOfSubject = text.indexOf('\n');
    return new RenderedMail(
        fill(text.substring(SUBJECT.length(), endOfSubject).strip(), values, false),
        fill(text.substring(endOfSubject + 1).strip(), values, false),
        fill(load(template + ".html"), values, true));
  }

  private String load(String file) {
    return cache.computeIfAbsent(file, name -> {
      try (InputStream in = getClass().getResourceAsStream("/mail-templates/" + name)) {
        if (in == null) {
          throw new IllegalStateException("No mail template mail-templates/" + name);
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private static String fill(String template, Map<String, String> values, boolean html) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.getOrDefault(m.group(1), "");
      m.appendReplacement(out, Matcher.quoteReplacement(html ? HtmlUtils.htmlEscape(value) : value));
    }
    return m.appendTail(out).toString();
  }
}
