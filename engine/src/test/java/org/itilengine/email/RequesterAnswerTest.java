package org.itilengine.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a requester's reply to a resolution is read: its first own line decides. */
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
  })
  void theFirstOwnLineDecides(String text, RequesterAnswer expected, Integer score) {
    String mail = text.strip().replace("\\n", "\n");
    assertThat(RequesterAnswer.of(mail)).isEqualTo(expected);
    assertThat(RequesterAnswer.satisfactionScore(mail).orElse(null)).isEqualTo(score);
  }
}
