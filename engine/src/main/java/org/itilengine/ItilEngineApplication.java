package org.itilengine;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The ITIL process engine: Camunda 7 runs the ITSM flows, the ticket tables are the system of record. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ItilEngineApplication {

  public static void main(String[] args) {
    SpringApplication.run(ItilEngineApplication.class, args);
  }
}
