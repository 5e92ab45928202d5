package io.quiver.storage.batch;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class ColumnVectorUtf8Test {

  @Test
  void utf8RowsAreSlicesOfOneByteArray() {
    byte[] bytes = "abcé日".getBytes(UTF_8);
    BitSet nulls = new BitSet();
    nulls.set(1);
    ColumnVector v = ColumnVector.utf8(bytes, new int[] {0, 3, 3, bytes.length}, nulls);

    assertThat(v.kind()).isEqualTo(ColumnKind.STRING);
    assertThat(v.size()).isEqualTo(3);
    assertThat(v.isUtf8()).isTrue();
    assertThat(v.getString(0)).isEqualTo("abc");
    assertThat(v.get(1)).isNull();
    assertThat(v.getString(2)).isEqualTo("é日");
    assertThat(v.utf8Bytes()).isSameAs(bytes);
    assertThat(v.utf8End(2) - v.utf8Start(2)).isEqualTo(5);
  }

  @Test
  void emptyStringIsNotNull() {
    ColumnVector v = ColumnVector.utf8(new byte[0], new int[] {0, 0}, new BitSet());

    assertThat(v.isNull(0)).isFalse();
    assertThat(v.getString(0)).isEmpty();
  }

  @Test
  void rejectsOffsetsPastTheBytesOrDecreasing() {
    assertThatThrownBy(() -> ColumnVector.utf8(new byte[2], new int[] {0, 3}, new BitSet()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("offsets");
    assertThatThrownBy(() -> ColumnVector.utf8(new byte[2], new int[] {0, 2, 1}, new BitSet()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("offsets[2]: 1");
  }

  @Test
  void otherVectorsHaveNoUtf8Bytes() {
    ColumnVector strings = new ColumnVector(ColumnKind.STRING, 1);

    assertThat(strings.isUtf8()).isFalse();
    assertThatThrownBy(strings::utf8Bytes).isInstanceOf(IllegalStateException.class);
  }
}
