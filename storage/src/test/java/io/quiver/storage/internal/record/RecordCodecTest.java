package io.quiver.storage.internal.record;

import static io.quiver.storage.TestGroups.customer;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.storage.TestGroups;
import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroup;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.FeatureType;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.storage.error.StorageException;
import io.quiver.storage.internal.catalog.TestFeatureGroups;
import io.quiver.storage.record.FeatureValue;
import io.quiver.storage.record.Record;
import io.quiver.storage.record.RecordRules;
import io.quiver.storage.record.StoredRecord;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The stored record format: values round-trip exactly, projections skip what is not wanted, the
 * header is readable without decoding, and a format version this code does not know is refused. The
 * golden files under {@code record-format/v1/} pin version 1 byte for byte.
 */
class RecordCodecTest {
  private static final FeatureGroup CUSTOMERS = TestFeatureGroups.of(TestGroups.customers());
  private static final long INVOKED = 1_700_000_001_000_000L;
  private static final long EXPIRES = 1_700_086_400_000_000L;

  @Test
  void roundTripsScalarsListsEmptyStringsAndUnicode() {
    Record record =
        customer("c-ü🚀", "1700000000.5")
            .set("orders", Long.MIN_VALUE)
            .set("score", "1e-3")
            .set("name", "")
            .set("bio", "日本語\n\u0000é")
            .setList("tags", List.of("", "ä", "🚀", "a", ""))
            .setList("codes", List.of("1"))
            .setList("embedding", List.of("0.1", "-0", "1e3"))
            .build();

    StoredRecord stored = RecordCodec.decode(encode(record), CUSTOMERS, null);

    assertThat(stored.record()).isEqualTo(record);
    assertThat(stored.eventTimeMicros()).isEqualTo(1_700_000_000_500_000L);
    assertThat(stored.apiInvocationMicros()).isEqualTo(INVOKED);
    assertThat(stored.expiresAtMicros()).isEqualTo(EXPIRES);
    assertThat(stored.deleted()).isFalse();
  }

  @Test
  void roundTripsEmptyList() {
    Record record = customer("c-1", "1").setList("tags", List.of()).build();
    assertThat(RecordCodec.decode(encode(record), CUSTOMERS, null).record()).isEqualTo(record);
  }

  @Test
  void decodesValuesInDefinitionOrder() {
    Record record =
        Record.builder().set("name", "n").set("event_time", "1").set("customer_id", "c-1").build();
    assertThat(RecordCodec.decode(encode(record), CUSTOMERS, null).record().values())
        .extracting(FeatureValue::featureName)
        .containsExactly("customer_id", "event_time", "name");
  }

  @Test
  void decodesOnlyTheWantedFeatures() {
    // Skipped values include a long string and a list, whose lengths take more than one byte.
    Record record =
        customer("c-1", "1")
            .set("orders", 3)
            .set("bio", "b".repeat(300))
            .setList("tags", List.of("t".repeat(200), "u"))
            .setVector("embedding", 1, 2, 3)
            .build();

    Record projected =
        RecordCodec.decode(encode(record), CUSTOMERS, wanted("customer_id", "orders", "embedding"))
            .record();

    assertThat(projected.values())
        .containsExactly(
            FeatureValue.of("customer_id", "c-1"),
            FeatureValue.of("orders", "3"),
            FeatureValue.ofList("embedding", List.of("1.0", "2.0", "3.0")));
  }

  @Test
  void decodesNothingWhenNothingIsWanted() {
    byte[] encoded = encode(customer("c-1", "1").set("bio", "b").build());
    assertThat(RecordCodec.decode(encoded, CUSTOMERS, wanted()).record().values()).isEmpty();
  }

  @Test
  void readsTheHeaderWithoutDecoding() {
    byte[] encoded = encode(customer("c-1", "-1.5").build());
    assertThat(RecordCodec.eventTimeMicros(encoded)).isEqualTo(-1_500_000L);
    assertThat(RecordCodec.expiresAtMicros(encoded)).isEqualTo(EXPIRES);
    assertThat(RecordCodec.isDeleted(encoded)).isFalse();
  }

  @Test
  void encodesDeletionMarkerWithIdentifierAndEventTimeOnly() {
    byte[] marker = RecordCodec.encodeDeletion(0, "c-1", 1, "200", 200_000_000L, INVOKED);

    assertThat(RecordCodec.isDeleted(marker)).isTrue();
    assertThat(RecordCodec.eventTimeMicros(marker)).isEqualTo(200_000_000L);
    assertThat(RecordCodec.expiresAtMicros(marker)).isEqualTo(StoredRecord.NEVER);
    StoredRecord stored = RecordCodec.decode(marker, CUSTOMERS, null);
    assertThat(stored.deleted()).isTrue();
    assertThat(stored.apiInvocationMicros()).isEqualTo(INVOKED);
    assertThat(stored.record()).isEqualTo(customer("c-1", "200").build());
  }

  @Test
  void encodesDeletionMarkerWhenEventTimeComesFirst() {
    FeatureGroup group =
        TestFeatureGroups.of(
            FeatureGroupSpec.builder("g")
                .recordIdentifier("id")
                .eventTime("ts")
                .feature("ts", FeatureType.STRING)
                .feature("x", FeatureType.STRING)
                .feature("id", FeatureType.INTEGRAL)
                .onlineStore(OnlineStoreConfig.enabled())
                .build());

    byte[] marker = RecordCodec.encodeDeletion(2, "7", 0, "2024-01-01T00:00:00Z", 1L, 2L);

    assertThat(RecordCodec.decode(marker, group, null).record().values())
        .containsExactly(FeatureValue.of("ts", "2024-01-01T00:00:00Z"), FeatureValue.of("id", "7"));
  }

  @Test
  void decodesRecordWrittenBeforeFeaturesWereAdded() {
    Record record = customer("c-1", "1").set("bio", "b").build();
    FeatureGroup grown =
        TestFeatureGroups.of(
            TestGroups.customers()
                .withAddedFeatures(List.of(FeatureDefinition.of("added", FeatureType.STRING))));

    assertThat(RecordCodec.decode(encode(record), grown, null).record()).isEqualTo(record);
  }

  @ParameterizedTest
  @ValueSource(bytes = {0, 2, -1})
  void refusesUnknownFormatVersion(byte version) {
    byte[] encoded = encode(customer("c-1", "1").build());
    encoded[0] = version;
    String message = "format version " + version + " is not supported (expected: 1)";

    assertRefused(encoded, message);
  }

  @Test
  void refusesRecordWithoutFormatVersion() {
    assertRefused(new byte[0], "format version missing is not supported");
  }

  @Test
  void refusesTruncatedHeader() {
    byte[] encoded = encode(customer("c-1", "1").build());
    assertRefused(Arrays.copyOf(encoded, 10), "Cannot decode stored record");
  }

  @Test
  void encodesVersion1RecordAsTheGoldenFile() throws IOException {
    Record record =
        customer("c-1", "1700000000.5").set("orders", 7).setList("tags", List.of("a", "")).build();
    assertThat(HexFormat.of().formatHex(encode(record))).isEqualTo(golden("record.hex"));
  }

  @Test
  void decodesVersion1GoldenRecord() throws IOException {
    StoredRecord stored =
        RecordCodec.decode(HexFormat.of().parseHex(golden("record.hex")), CUSTOMERS, null);
    assertThat(stored.record())
        .isEqualTo(
            customer("c-1", "1700000000.5")
                .set("orders", 7)
                .setList("tags", List.of("a", ""))
                .build());
    assertThat(stored.expiresAtMicros()).isEqualTo(EXPIRES);
  }

  @Test
  void encodesVersion1DeletionMarkerAsTheGoldenFile() throws IOException {
    byte[] marker = RecordCodec.encodeDeletion(0, "c-1", 1, "200", 200_000_000L, INVOKED);
    assertThat(HexFormat.of().formatHex(marker)).isEqualTo(golden("deletion.hex"));
  }

  private static byte[] encode(Record record) {
    return RecordCodec.encode(RecordRules.check(CUSTOMERS, record), INVOKED, EXPIRES);
  }

  private static boolean[] wanted(String... names) {
    boolean[] wanted = new boolean[CUSTOMERS.features().size()];
    for (String name : names) {
      wanted[CUSTOMERS.position(name)] = true;
    }
    return wanted;
  }

  private static void assertRefused(byte[] encoded, String message) {
    List<Consumer<byte[]>> reads =
        List.of(
            b -> RecordCodec.decode(b, CUSTOMERS, null),
            RecordCodec::eventTimeMicros,
            RecordCodec::expiresAtMicros,
            RecordCodec::isDeleted);
    for (Consumer<byte[]> read : reads) {
      assertThatThrownBy(() -> read.accept(encoded))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining(message);
    }
  }

  private static String golden(String name) throws IOException {
    try (InputStream in = RecordCodecTest.class.getResourceAsStream("/record-format/v1/" + name)) {
      assertThat(in).as("golden file record-format/v1/%s", name).isNotNull();
      return new String(in.readAllBytes(), US_ASCII).strip();
    }
  }
}
