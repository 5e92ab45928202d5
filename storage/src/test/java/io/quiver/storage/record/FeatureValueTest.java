package io.quiver.storage.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.storage.error.ValidationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureValueTest {
  @Test
  void rejectsValueWithNeitherForm() {
    assertThatThrownBy(() -> new FeatureValue("f", null, null))
        .isInstanceOf(ValidationException.class)
        .hasMessageContainingAll("'f'", "exactly one of ValueAsString or ValueAsStringList");
  }

  @Test
  void rejectsValueWithBothForms() {
    assertThatThrownBy(() -> new FeatureValue("f", "a", List.of("a")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContainingAll("'f'", "exactly one of ValueAsString or ValueAsStringList");
  }

  @Test
  void rejectsNullListElement() {
    assertThatThrownBy(() -> FeatureValue.ofList("f", Arrays.asList("a", null)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContainingAll("'f'", "must not hold null elements");
  }

  @Test
  void copiesTheList() {
    List<String> elements = new ArrayList<>(List.of("a"));
    FeatureValue value = FeatureValue.ofList("f", elements);
    elements.add("b");
    assertThat(value.valueAsStringList()).containsExactly("a");
    assertThat(value.isList()).isTrue();
  }
}
