package org.itilengine.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessTextTest {

  @Test
  void aTextThatFitsStaysAsItIs() {
    String full = "x".repeat(ProcessText.MAX_LENGTH);
    assertThat(ProcessText.fit(full)).isSameAs(full);
    assertThat(ProcessText.fit(null)).isNull();
  }

  @Test
  void aLongerTextIsCutToTheColumnAndSaysSo() {
    String shortened = ProcessText.fit("y".repeat(ProcessText.MAX_LENGTH + 1));
    assertThat(shortened).hasSize(ProcessText.MAX_LENGTH).startsWith("yyy").endsWith(ProcessText.SHORTENED);
  }

  @Test
  void neverHalfACharacter() {
    int cut = ProcessText.MAX_LENGTH - ProcessText.SHORTENED.length();
    String text = "a".repeat(cut - 1) + "\uD83D\uDE00" + "b".repeat(100); // an emoji across the cut
    String shortened = ProcessText.fit(text);
    assertThat(shortened).hasSize(ProcessText.MAX_LENGTH - 1)
        .isEqualTo("a".repeat(cut - 1) + ProcessText.SHORTENED);
  }
}
