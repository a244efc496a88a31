package org.itilengine.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A benchmark's own Spring command-line settings with the ones given on its command line on top.
 * Spring joins a property given twice with a comma, so a setting replaces the default of the same
 * name instead of being appended.
 */
final class SpringArguments {

  private SpringArguments() {
  }

  /** An in-memory H2 database named for the benchmark, with the statement cache of the default URL. */
  static String h2InMemory(String name) {
    return "--spring.datasource.url=jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=256";
  }

  static String[] of(List<String> defaults, List<String> settings) {
    Map<String, String> byName = new LinkedHashMap<>();
    for (String argument : defaults) {
      byName.put(name(argument), argument);
    }
    for (String argument : settings) {
      if (!argument.startsWith("--") || !argument.contains("=")) {
        throw new IllegalArgumentException("Not a Spring setting (--property=value): " + argument);
      }
      byName.put(name(argument), argument);
    }
    if (!settings.isEmpty()) {
      System.out.println("settings: " + String.join(" ", settings));
    }
    return byName.values().toArray(String[]::new);
  }

  private static String name(String argument) {
    return argument.substring(0, argument.indexOf('='));
  }
}
