package org.itilengine;

import jakarta.mail.util.StreamProvider;
import java.util.Map;
import javax.xml.datatype.DatatypeFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Names the providers of two factories that are looked up again on every use. Unnamed, each
 * lookup reads the service entries of all ~230 jars on the class path: Jakarta Mail does it for
 * every MIME message and part it builds, writes or decodes (jakartaee/mail-api#699, #861), and
 * Camunda for every timer due date it computes ({@code DatatypeFactory.newInstance()}). In a JFR
 * profile of the incident lifecycle that search took 5 % of the time. The names are the providers
 * the search finds on this class path (ProviderLookupsTest keeps them in step); a value given as a
 * JVM system property ({@code -D}) wins.
 */
public class ProviderLookups implements EnvironmentPostProcessor {

  public static final Map<String, String> PROVIDERS = Map.of(
      StreamProvider.class.getName(), "org.eclipse.angus.mail.util.MailStreamProvider",
      DatatypeFactory.DATATYPEFACTORY_PROPERTY, DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    apply();
  }

  /** Sets each provider's system property unless it is set already. */
  public static void apply() {
    PROVIDERS.forEach((factory, provider) -> {
      if (System.getProperty(factory) == null) {
        System.setProperty(factory, provider);
      }
    });
  }
}
