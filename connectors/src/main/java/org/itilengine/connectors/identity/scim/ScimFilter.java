package org.itilengine.connectors.identity.scim;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** SCIM filter expressions (RFC 7644 3.4.2.2) and the URL encoding they travel in. */
final class ScimFilter {

  private ScimFilter() {
  }

  /** {@code attribute eq "value"}, with the value escaped so it cannot end the string early. */
  static String equalTo(String attribute, String value) {
    return attribute + " eq " + quoted(value);
  }

  /** The query string {@code filter=attribute eq "value"}, URL-encoded. */
  static String query(String attribute, String value) {
    return "filter=" + encode(equalTo(attribute, value));
  }

  static String quoted(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** Percent-encoding for a query value or a path segment (a space is %20, not +). */
  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
