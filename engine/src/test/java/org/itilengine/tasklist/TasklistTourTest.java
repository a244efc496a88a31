package org.itilengine.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.itilengine.TestPorts;
import org.itilengine.incident.IncidentProcess;
import org.itilengine.request.ServiceRequestProcess;
import org.itilengine.ticket.EntryKind;
import org.itilengine.ticket.Ticket;
import org.itilengine.ticket.TicketRepository;
import org.itilengine.ticket.TicketStatus;
import org.itilengine.ticket.Tier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * The newcomer's tour in a real browser: an L1 agent logs in to Tasklist, sees the incident in
 * the group queue, claims it, reads the ticket in the Camunda Form and escalates it with a
 * hand-off note; a manager finds a service request's approval among their own tasks and rejects
 * it with a reason. Uses Debian's chromium and chromedriver; never downloads a driver.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.datasource.url=jdbc:h2:mem:tasklist-tour;DB_CLOSE_DELAY=-1")
@DirtiesContext
@EnabledIf(value = "browserInstalled", disabledReason = "needs /usr/bin/chromium and /usr/bin/chromedriver")
@ContextConfiguration(initializers = TestPorts.class)
class TasklistTourTest {

  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  private static final String NOTE = "VPN client log shows an expired certificate; needs the PKI team.";
  private static final String UPDATE = "A technician is on the way with a new fuser unit; expect him by 3 pm.";
  private static final String REASON = "Monitors are replaced in the spring round; please wait until then.";

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired IdentityService identity;
  @Autowired TicketRepository tickets;

  WebDriver browser;
  WebDriverWait wait;

  static boolean browserInstalled() {
    return new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
  }

  @BeforeEach
  void openBrowser() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1400,1000");
    ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
        .usingAnyFreePort().build();
    browser = new ChromeDriver(driver, options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(30));
  }

  @AfterEach
  void closeBrowser(TestInfo test) throws Exception {
    if (browser != null) {
      String name = "tasklist-" + test.getTestMethod().map(m -> m.getName()).orElse("tour");
      Path shot = Path.of("target", name + ".png");
      Files.createDirectories(shot.getParent());
      Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
      Files.writeString(Path.of("target", name + ".html"), browser.getPageSource());
      browser.quit();
    }
  }

  @Test
  void anAgentClaimsReadsAndEscalatesAnIncidentInTasklist() {
    String key = aliceClaimsANewIncident("VPN rejects my login", "Certificate invalid since Monday", "MEDIUM");

    // The Camunda Form shows the ticket as disabled fields, with the catalog as category options:
    // disabled fields are not sent back on completion (a newer mail is never overwritten), and the
    // engine refuses any variable the form does not let the agent fill in (TaskFormFieldsOnly).
    WebElement ticketKey = visible(By.cssSelector("input[id$='Field_ticketKey']"));
    assertThat(ticketKey.isEnabled()).isFalse();
    assertThat(ticketKey.getDomProperty("value")).isEqualTo(key);
    assertThat(browser.findElement(By.cssSelector("textarea[id$='Field_requesterAnswer']")).isEnabled()).isFalse();
    // Tickets come by mail or through the desk API: Tasklist offers no "Start process".
    assertThat(browser.findElements(By.cssSelector(".start-process-action"))).isNotEmpty()
        .noneMatch(WebElement::isDisplayed);

    chooseCategory("Network / VPN");
    clickable(By.cssSelector("input[type=radio][id$='Field_outcome-1']")).click(); // 2nd option: escalate
    clickable(By.cssSelector("textarea[id$='Field_handOffNote']")).sendKeys(NOTE);
    clickable(By.xpath("//button[normalize-space(.)='Complete']")).click();

    wait.until(d -> tickets.findByKey(key).map(Ticket::getTier).orElse(null) == Tier.L2);
    Ticket ticket = tickets.findWithJournalByKey(key).orElseThrow();
    assertThat(ticket.getCategory()).isEqualTo("Network");
    assertThat(ticket.getSubcategory()).isEqualTo("VPN");
    assertThat(ticket.getJournal()).anyMatch(e -> e.getAuthor().equals("alice") && e.getText().contains(NOTE));
  }

  @Test
  void anAgentSendsTheRequesterAnUpdateAndFindsTheTaskBackInTheirOwnList() throws Exception {
    String key = aliceClaimsANewIncident("Printer jams on every page", "Third floor, since today", "LOW");

    chooseCategory("Hardware / Printer");
    clickable(By.cssSelector("input[type=radio][id$='Field_outcome-3']")).click(); // 4th option: update
    clickable(By.cssSelector("textarea[id$='Field_agentReply']")).sendKeys(UPDATE);
    clickable(By.xpath("//button[normalize-space(.)='Complete']")).click();

    wait.until(d -> tickets.findWithJournalByKey(key).orElseThrow().getJournal().stream()
        .anyMatch(e -> e.getKind() == EntryKind.PUBLIC_REPLY && e.getText().equals(UPDATE)));
    clickable(By.xpath("//*[contains(normalize-space(.),'My tasks') and contains(@class,'item')]")).click();
    clickable(By.xpath("//*[contains(@class,'task')]//*[contains(text(),'Triage and diagnose (L1)')]")).click();
    WebElement sameTicket = visible(By.cssSelector("input[id$='Field_ticketKey']"));
    wait.until(d -> key.equals(sameTicket.getDomProperty("value")));
    assertThat(tickets.findByKey(key).orElseThrow().getStatus()).isEqualTo(TicketStatus.IN_PROGRESS);

    // The form links to the whole conversation, read with the Tasklist login of this browser.
    WebElement conversation = visible(By.partialLinkText("conversation and journal of " + key));
    assertThat(conversation.getDomAttribute("href")).isEqualTo("/desk/tickets/" + key);
    browser.get("http://localhost:" + port + "/desk/tickets/" + key);
    assertThat(visible(By.tagName("h1")).getText()).isEqualTo(key + ": Printer jams on every page");
    assertThat(browser.findElement(By.tagName("body")).getText()).contains(UPDATE).contains("Third floor, since today")
        .contains("PUBLIC_REPLY · alice");
    identity.deleteMembership("alice", "service-desk-l1"); // her groups are read afresh on every page
    try {
      browser.navigate().refresh();
      assertThat(browser.getPageSource()).contains("403").doesNotContain(UPDATE);
    } finally {
      identity.createMembership("alice", "service-desk-l1");
    }
    HttpResponse<Void> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://localhost:" + port + "/desk/tickets/" + key)).build(), HttpResponse.BodyHandlers.discarding());
    assertThat(anonymous.statusCode()).as("without the Tasklist login").isEqualTo(401);
  }

  @Test
  void aManagerRejectsAServiceRequestInTasklistWithAReason() {
    String key = runtime.createMessageCorrelation(ServiceRequestProcess.MESSAGE_REQUEST_SUBMITTED)
        .setVariables(Variables.createVariables().putValue("catalogItem", "new-hardware")
            .putValue("requesterEmail", "pat@example.org").putValue("title", "A second monitor"))
        .correlateStartMessage().getBusinessKey();

    logIn("bob"); // pat's manager in the demo directory
    clickable(By.xpath("//*[contains(normalize-space(.),'My tasks') and contains(@class,'item')]")).click();
    clickable(By.xpath("//*[contains(@class,'task')]//*[contains(text(),'Approve service request')]")).click();

    WebElement ticketKey = visible(By.cssSelector("input[id$='Field_ticketKey']"));
    wait.until(d -> key.equals(ticketKey.getDomProperty("value")));
    clickable(By.cssSelector("input[type=radio][id$='Field_approvalDecision-1']")).click(); // 2nd option: reject
    clickable(By.cssSelector("textarea[id$='Field_approvalComment']")).sendKeys(REASON);
    clickable(By.xpath("//button[normalize-space(.)='Complete']")).click();

    wait.until(d -> tickets.findByKey(key).map(Ticket::getStatus).orElse(null) == TicketStatus.CLOSED);
    Ticket ticket = tickets.findWithJournalByKey(key).orElseThrow();
    assertThat(ticket.getClosureCode()).isEqualTo("REJECTED");
    assertThat(ticket.getJournal()).anyMatch(e -> e.getAuthor().equals("bob") && e.getText().contains(REASON));
  }

  /** Jane reports an incident; alice finds it in her group's queue, claims it and sees its form. */
  private String aliceClaimsANewIncident(String title, String description, String impact) {
    String key = runtime.startProcessInstanceByKey(IncidentProcess.KEY, Variables.createVariables()
        .putValue("requesterEmail", "jane.doe@example.org").putValue("requesterName", "Jane Doe")
        .putValue("title", title).putValue("description", description)
        .putValue("impact", impact).putValue("urgency", "LOW")).getBusinessKey();
    logIn("alice");
    clickable(By.xpath("//*[contains(normalize-space(.),\"My groups' queue\") and contains(@class,'item')]")).click();
    clickable(By.xpath("//*[contains(@class,'task')]//*[contains(text(),'Triage and diagnose (L1)')]")).click();
    clickable(By.xpath("//button[contains(normalize-space(.),'Claim')]")).click();
    WebElement ticketKey = visible(By.cssSelector("input[id$='Field_ticketKey']"));
    wait.until(d -> key.equals(ticketKey.getDomProperty("value")));
    return key;
  }

  private void logIn(String user) {
    browser.get("http://localhost:" + port + "/camunda/app/tasklist/");
    visible(By.cssSelector("input[ng-model=username]")).sendKeys(user);
    browser.findElement(By.cssSelector("input[ng-model=password]")).sendKeys("demo");
    browser.findElement(By.cssSelector("button[type=submit]")).click();
  }

  /** form-js renders a searchable select as an input with a drop-down list. */
  private void chooseCategory(String path) {
    WebElement input = clickable(By.cssSelector("input[id$='Field_categoryPath-search'], input[id$='Field_categoryPath']"));
    // The form may re-render after the claim and scroll the field under the footer: scroll again.
    wait.ignoring(ElementClickInterceptedException.class).until(d -> {
      ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", input);
      input.click();
      return true;
    });
    input.sendKeys(path.substring(path.indexOf("/ ") + 2)); // search by the subcategory
    clickable(By.xpath("//*[contains(@class,'fjs-dropdownlist-item') and normalize-space(.)='" + path + "']")).click();
  }

  private WebElement visible(By by) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  /** Scrolled to the middle first: Tasklist's fixed footer would otherwise take the click. */
  private WebElement clickable(By by) {
    WebElement element = wait.until(ExpectedConditions.presenceOfElementLocated(by));
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
    return wait.until(ExpectedConditions.elementToBeClickable(element));
  }
}
