package io.quiver.storage.catalog;

import io.quiver.storage.error.ValidationException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** An enum whose constants have the exact spelling SageMaker uses on the wire. */
public interface WireEnum {
  /** The constant as SageMaker spells it (for example {@code Fractional}). */
  String wireName();

  /**
   * Finds the constant of {@code type} spelled {@code value} on the wire.
   *
   * @throws ValidationException if no constant is spelled that way; the message lists the allowed
   *     spellings
   */
  static <E extends Enum<E> & WireEnum> E parse(Class<E> type, String what, String value) {
    for (E constant : type.getEnumConstants()) {
      if (constant.wireName().equals(value)) {
        return constant;
      }
    }
    throw new ValidationException(
        "Cannot accept "
            + what
            + " '"
            + value
            + "': allowed values are "
            + Arrays.stream(type.getEnumConstants())
                .map(WireEnum::wireName)
                .collect(Collectors.joining(", ")));
  }
}
