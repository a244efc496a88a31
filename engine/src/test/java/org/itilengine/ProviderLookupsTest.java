package org.itilengine;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.util.StreamProvider;
import java.util.ServiceLoader;
import javax.xml.datatype.DatatypeFactory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

class ProviderLookupsTest {

  @Test
  void namesTheProvidersTheServiceSearchFinds() {
    // Jakarta Mail takes the first service entry; the JDK falls back to its own factory when there is none.
    assertThat(ServiceLoader.load(StreamProvider.class).stream().map(p -> p.type().getName()))
        .containsExactly(ProviderLookups.PROVIDERS.get(StreamProvider.class.getName()));
    assertThat(ServiceLoader.load(DatatypeFactory.class).stream()).isEmpty();
    assertThat(ProviderLookups.PROVIDERS.get(DatatypeFactory.DATATYPEFACTORY_PROPERTY))
        .isEqualTo(DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
  }

  @Test
  void namesThemWhenAnApplicationStarts() throws Exception {
    ProviderLookups.PROVIDERS.keySet().forEach(System::clearProperty);

    new SpringApplicationBuilder(Object.class).web(WebApplicationType.NONE).run().close();

    assertThat(StreamProvider.provider().getClass().getName())
        .isEqualTo(ProviderLookups.PROVIDERS.get(StreamProvider.class.getName()));
    assertThat(System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY))
        .isEqualTo(DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
    assertThat(DatatypeFactory.newInstance().newDuration("PT4H").getHours()).isEqualTo(4);
  }
}
