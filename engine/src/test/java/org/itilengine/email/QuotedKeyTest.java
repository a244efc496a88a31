package org.itilengine.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which ticket a subject names: keys grow past six digits, case and surrounding text do not matter. */
class QuotedKeyTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "Re: [INC-000123] Printer          | INC-000123",
      "AW: [inc-000123] Drucker          | INC-000123",
      "Re: [INC-1000000] the millionth   | INC-1000000",
      "Re: [REQ-12345678] access         | REQ-12345678",
      "Re: [INC-12345] too short         | ",
      "INC-000123 without brackets       | ",
  })
  void theSubjectNamesItsTicket(String subject, String key) {
    assertThat(EmailIntake.quotedKey(subject.strip()).orElse(null)).isEqualTo(key);
  }
}
