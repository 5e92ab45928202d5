package io.quiver.storage.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnVectorListTest {

  @Test
  void listRowsAreSlicesOfTheElementVector() {
    ColumnVector v = ColumnVector.list(ColumnKind.DOUBLE, 3, 3);
    ColumnVector elements = v.elements();
    elements.setDouble(0, 1.5);
    elements.setDouble(1, 2.5);
    v.setListEnd(0, 2);
    v.setNull(1);
    elements.setDouble(2, -1);
    v.setListEnd(2, 3);

    assertThat(v.kind()).isEqualTo(ColumnKind.LIST);
    assertThat(v.size()).isEqualTo(3);
    assertThat(v.get(0)).isEqualTo(List.of(1.5, 2.5));
    assertThat(v.get(1)).isNull();
    assertThat(v.listStart(1)).isEqualTo(v.listEnd(1));
    assertThat(v.get(2)).isEqualTo(List.of(-1.0));
  }

  @Test
  void listOverFilledElementsKeepsNullElements() {
    ColumnVector strings = new ColumnVector(ColumnKind.STRING, 3);
    strings.setString(0, "a");
    strings.setNull(1);
    strings.setString(2, "c");
    ColumnVector v = ColumnVector.list(new int[] {0, 0, 3}, strings);

    assertThat(v.get(0)).isEqualTo(List.of());
    assertThat(v.get(1)).isEqualTo(Arrays.asList("a", null, "c"));
  }

  @Test
  void badOffsetsAndScalarListsAreRefused() {
    ColumnVector three = new ColumnVector(ColumnKind.LONG, 3);
    assertThatThrownBy(() -> ColumnVector.list(new int[] {0, 2, 1}, three))
        .hasMessageContaining("offsets[2]: 1");
    assertThatThrownBy(() -> ColumnVector.list(new int[] {0, 4}, three))
        .hasMessageContaining("expected: <= 3 elements");
    assertThatThrownBy(() -> new ColumnVector(ColumnKind.LIST, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> three.elements()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new ColumnBatchBuilder(List.of(ColumnKind.LIST)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void allNullListIsEmptyEverywhere() {
    ColumnVector v = ColumnVector.allNull(ColumnKind.LIST, 2);
    assertThat(v.get(0)).isNull();
    assertThat(v.listEnd(1)).isZero();
  }
}
