package org.itilengine;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.util.StreamProvider;
import java.util.ServiceLoader;
import javax.xml.datatype.DatatypeFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

class ProviderLookupsTest {

  private static final String MAIL = StreamProvider.class.getName();
  private static final String DATATYPES = DatatypeFactory.DATATYPEFACTORY_PROPERTY;

  @AfterEach
  void nameTheProvidersAgain() {
    ProviderLookups.PROVIDERS.keySet().forEach(System::clearProperty);
    ProviderLookups.apply(); // as every application start in this JVM leaves them
  }

  @Test
  void namesTheProvidersTheServiceSearchFinds() {
    // Jakarta Mail takes the first service entry; the JDK falls back to its own factory when there is none.
    assertThat(ServiceLoader.load(StreamProvider.class).stream().map(p -> p.type().getName()))
        .containsExactly(ProviderLookups.PROVIDERS.get(MAIL));
    assertThat(ServiceLoader.load(DatatypeFactory.class).stream()).isEmpty();
    assertThat(ProviderLookups.PROVIDERS.get(DATATYPES)).isEqualTo(DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
  }

  @Test
  void namesThemWhenAnApplicationStarts() throws Exception {
    ProviderLookups.PROVIDERS.keySet().forEach(System::clearProperty);

    new SpringApplicationBuilder(Object.class).web(WebApplicationType.NONE).run().close();

    assertThat(System.getProperty(MAIL)).isEqualTo(ProviderLookups.PROVIDERS.get(MAIL));
    assertThat(System.getProperty(DATATYPES)).isEqualTo(DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
    assertThat(StreamProvider.provider().getClass().getName()).isEqualTo(ProviderLookups.PROVIDERS.get(MAIL));
    assertThat(DatatypeFactory.newInstance().newDuration("PT4H").getHours()).isEqualTo(4);
  }

  @Test
  void keepsAProviderNamedOnTheCommandLine() {
    System.setProperty(DATATYPES, "org.example.OwnDatatypeFactory");

    ProviderLookups.apply();

    assertThat(System.getProperty(DATATYPES)).isEqualTo("org.example.OwnDatatypeFactory");
    assertThat(System.getProperty(MAIL)).isEqualTo(ProviderLookups.PROVIDERS.get(MAIL));
  }
}
