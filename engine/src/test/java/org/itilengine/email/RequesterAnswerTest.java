package org.itilengine.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a requester's reply to a resolution is read: its first own line after a greeting decides. */
class RequesterAnswerTest {

  @ParameterizedTest(name = "{0} -> {1}, score {2}")
  @CsvSource(delimiter = '|', value = {
      "CONFIRM, works again. 5                   | CONFIRMED | 5",
      "Thanks, solved!                           | CONFIRMED | ",
      "Not fixed, still flickering.              | NOT_FIXED | ",
      "It still doesn't work                     | NOT_FIXED | ",
      "> CONFIRM\\nIt does not work, sorry. 2     | NOT_FIXED | 2",
      "Can you call me at 10:30 tomorrow?        | OTHER     | ",
      "Fixed in 2.5 minutes                      | CONFIRMED | ",
      "Yes                                       | CONFIRMED | ",
      "Yes, thanks!                              | CONFIRMED | ",
      "Yes, I still see the problem              | NOT_FIXED | ",
      "Yes, the error is back                    | NOT_FIXED | ",
      "Couldn't be better, thanks                | CONFIRMED | ",
      "It works, don't reopen                    | CONFIRMED | ",
      "It's not working                          | NOT_FIXED | ",
      "It isn’t fixed at all                      | NOT_FIXED | ",
      "Thanks, but it still fails every morning  | NOT_FIXED | ",
      "Thank you, sadly it is still the same. 1  | NOT_FIXED | 1",
      "No, the printer is not working yet        | NOT_FIXED | ",
      "Please reopen, same problem               | NOT_FIXED | ",
      "The laptop no longer works after reboot   | NOT_FIXED | ",
      "doesnt work                               | NOT_FIXED | ",
      "Hi team,\\n\\nIt is still broken          | NOT_FIXED | ",
      "Hello Alice,\\nThanks, works now. 4         | CONFIRMED | 4",
      "Hi, it works now                          | CONFIRMED | ",
      "Hey it still crashes                      | NOT_FIXED | ",
      "Hello!\\nNot fixed                          | NOT_FIXED | ",
      "Thanks, but the error came back today.    | NOT_FIXED | ",
      "Thanks, but I have one more question      | OTHER     | ",
      "It worked all week                        | CONFIRMED | ",
      "The VPN drops again since Monday          | NOT_FIXED | ",
      "Dear service desk team,\\nWhy was it closed? | OTHER  | ",
      "The VPN is back, thanks                   | CONFIRMED | ",
      "Thanks, I'll tell you if it happens again | CONFIRMED | ",
      "5                                         | CONFIRMED | 5",
      "1/5                                       | CONFIRMED | 1",
      "Hi John\\nNot fixed                         | NOT_FIXED | ",
      "Hi John\\nThanks, it works                  | CONFIRMED | ",
      "Hi it works                               | CONFIRMED | ",
      "Hi still broken\\nThanks                    | NOT_FIXED | ",
      "Hey not fixed\\nThank you                   | NOT_FIXED | ",
      "Thanks. When I open Outlook it freezes again | NOT_FIXED | ",
      "The error is back, thanks                 | NOT_FIXED | ",
      "1\\nStill not working                       | NOT_FIXED | 1",
      "4\\nThanks, all good                        | CONFIRMED | 4",
  })
  void theFirstOwnLineDecides(String text, RequesterAnswer expected, Integer score) {
    String mail = text.strip().replace("\\n", "\n");
    assertThat(RequesterAnswer.of(mail)).isEqualTo(expected);
    assertThat(RequesterAnswer.satisfactionScore(mail).orElse(null)).isEqualTo(score);
  }
}
