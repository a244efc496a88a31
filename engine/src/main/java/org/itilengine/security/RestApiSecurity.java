package org.itilengine.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The REST APIs answer only to HTTP Basic logins checked against the engine's identity service; the
 * desk's read-only pages to the Tasklist login of the same browser.
 */
@Configuration
public class RestApiSecurity {

  @Bean
  public FilterRegistrationBean<ProcessEngineAuthenticationFilter> restApiAuthentication() {
    var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("camunda-rest-auth");
    registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/engine-rest/*");
    return registration;
  }

  @Bean
  public FilterRegistrationBean<ApiAuthenticationFilter> deskApiAuthentication(IdentityService identity) {
    var registration = new FilterRegistrationBean<>(new ApiAuthenticationFilter(identity));
    registration.setName("desk-api-auth");
    registration.addUrlPatterns("/api/*", "/actuator/prometheus");
    return registration;
  }

  @Bean
  public FilterRegistrationBean<TasklistSessionFilter> deskPagesAuthentication(ProcessEngine engine) {
    var registration = new FilterRegistrationBean<>(new TasklistSessionFilter(engine.getIdentityService(),
        engine.getName()));
    registration.setName("desk-pages-auth");
    registration.addUrlPatterns("/desk/*");
    return registration;
  }
}
