package org.itilengine.ticket;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Text sent to the desk API (JSON bodies, and parameters where a controller asks) loses its control
 * characters (a NUL written as \u0000, a bell), as mail does in the parser: PostgreSQL's text columns
 * refuse a NUL, which would fail the request with a server error, and none of them means anything
 * on a ticket. Tabs and line breaks stay.
 */
@Configuration
public class PrintableText {

  private static final Pattern CONTROL_CHARACTERS = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");

  /** Spring Boot adds every Module bean to the ObjectMapper of its MVC controllers. */
  @Bean
  Module printableStrings() {
    return new SimpleModule("printable-text").addDeserializer(String.class, new StdScalarDeserializer<>(String.class) {
      @Override
      public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        return of(StringDeserializer.instance.deserialize(parser, context));
      }
    });
  }

  /** The text without its control characters but tabs and line breaks; null stays null. */
  public static String of(String text) {
    return text == null ? null : CONTROL_CHARACTERS.matcher(text).replaceAll("");
  }
}
