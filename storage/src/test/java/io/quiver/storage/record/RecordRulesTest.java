package io.quiver.storage.record;

import static io.quiver.storage.TestGroups.CUSTOMERS;
import static io.quiver.storage.TestGroups.ORDERS;
import static io.quiver.storage.TestGroups.customer;
import static io.quiver.storage.TestGroups.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.storage.OnlineRecord;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.TestGroups;
import io.quiver.storage.error.SizeLimitExceededException;
import io.quiver.storage.error.ValidationException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One test per rule of {@link RecordRules}, {@link EventTimeFormat} and {@link FeatureValue} as
 * PutRecord applies them. Every rejected record would have replaced an existing one (newer event
 * time) or created a new one; each rejection asserts that neither happened.
 */
class RecordRulesTest {
  private static final int KB_350 = 350 * 1024;

  @TempDir Path dir;
  private QuiverStore store;
  private OnlineRecord customerBefore;
  private OnlineRecord orderBefore;

  @BeforeEach
  void open() {
    store = QuiverStore.open(dir);
    store.createFeatureGroup(TestGroups.customers());
    store.createFeatureGroup(TestGroups.orders());
    store.putRecord(
        CUSTOMERS, customer("c-1", "100").set("orders", 1).set("name", "before").build());
    store.putRecord(ORDERS, order("1", "2023-01-01T00:00:00Z").set("amount", 1.5).build());
    customerBefore = store.getRecord(CUSTOMERS, "c-1").orElseThrow();
    orderBefore = store.getRecord(ORDERS, "1").orElseThrow();
  }

  @AfterEach
  void close() {
    store.close();
  }

  // ---- shape of the record

  @Test
  void rejectsEmptyRecord() {
    assertRejected(CUSTOMERS, Record.of(), "Record must hold at least one feature value");
  }

  @Test
  void rejectsUnknownFeature() {
    assertRejected(
        CUSTOMERS,
        customer("c-1", "200").set("nope", "x").build(),
        "feature 'nope' is not defined");
  }

  @Test
  void rejectsFeatureGivenTwice() {
    assertRejected(
        CUSTOMERS,
        customer("c-1", "200").set("orders", 1).set("orders", 2).build(),
        "feature 'orders' appears more than once");
  }

  @Test
  void rejectsListForScalarFeature() {
    assertRejected(
        CUSTOMERS,
        customer("c-1", "200").setList("orders", List.of("1")).build(),
        "feature 'orders' is a scalar Integral and needs ValueAsString, not ValueAsStringList");
  }

  @Test
  void rejectsScalarForCollectionFeature() {
    assertRejected(
        CUSTOMERS,
        customer("c-1", "200").set("tags", "a").build(),
        "feature 'tags' is a List and needs ValueAsStringList, not ValueAsString");
  }

  // ---- scalar types

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1.0",
        "1e3",
        "9223372036854775808",
        "-9223372036854775809",
        "abc",
        "",
        " 1",
        "0x1F",
        "1_000",
        "+",
        "-",
        "+-1",
        "\u0663",
        "1 "
      })
  void rejectsInvalidIntegral(String value) {
    assertRejected(
        CUSTOMERS,
        customer("c-1", "200").set("orders", value).build(),
        "value '" + value + "' of feature 'orders' is not a valid Integral",
        "64-bit signed integer");
  }

  @ParameterizedTest
  @ValueSource(strings = {"9223372036854775807", "-9223372036854775808", "0", "+5", "007"})
  void acceptsIntegralInRange(String value) {
    assertThat(roundTrip(customer("c-2", "200").set("orders", value)).getString("orders"))
        .isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "NaN",
        "Infinity",
        "-Infinity",
        "1.5f",
        "1.5d",
        "1e400",
        "",
        "abc",
        "1,5",
        "0x1p3",
        " 1.5",
        ".",
        "+.",
        "1e",
        "1e+",
        "1.2.3",
        "\u0661.5",
        "1.5 "
      })
  void rejectsInvalidFractional(String value) {
    assertRejected(
        CUSTOMERS,
        customer("c-1", "200").set("score", value).build(),
        "value '" + value + "' of feature 'score' is not a valid Fractional",
        "finite decimal number");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.5", "-2e-3", ".5", "5.", "1E10", "+0.0", "4.9e-324", "+.5e-3", "-7"})
  void acceptsFractionalNumbers(String value) {
    assertThat(roundTrip(customer("c-2", "200").set("score", value)).getString("score"))
        .isEqualTo(value);
  }

  @Test
  void acceptsFractionalWithoutExponentUpToTheLargestDouble() {
    String nines = "9".repeat(308); // about 1e308, below Double.MAX_VALUE
    assertThat(roundTrip(customer("c-2", "200").set("score", nines)).getString("score"))
        .isEqualTo(nines);
  }

  @Test
  void rejectsFractionalWithoutExponentBeyondTheLargestDouble() {
    assertRejected(
        CUSTOMERS,
        customer("c-1", "200").set("score", "9".repeat(309) + ".5").build(),
        "is not a valid Fractional");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "null", "日本語 🚀", "line\nbreak", "\u0000", "1.5f"})
  void acceptsAnyString(String value) {
    assertThat(roundTrip(customer("c-2", "200").set("name", value)).getString("name"))
        .isEqualTo(value);
  }

  // ---- collections

  @Test
  void rejectsCollectionElementOfWrongType() {
    assertRejected(
        CUSTOMERS,
        customer("c-1", "200").setList("codes", List.of("1", "x")).build(),
        "value 'x' of feature 'codes' is not a valid Integral");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 2, 4})
  void rejectsVectorOfWrongLength(int length) {
    assertRejected(
        CUSTOMERS,
        customer("c-1", "200").setList("embedding", Collections.nCopies(length, "0.5")).build(),
        "Vector feature 'embedding' has " + length + " elements (expected: exactly 3)");
  }

  @Test
  void rejectsNonFiniteVectorElement() {
    assertRejected(
        CUSTOMERS,
        customer("c-1", "200").setList("embedding", List.of("0.1", "NaN", "0.3")).build(),
        "value 'NaN' of feature 'embedding' is not a valid Fractional");
  }

  @Test
  void collapsesSetDuplicatesKeepingFirstOccurrences() {
    Record stored =
        roundTrip(customer("c-2", "200").setList("codes", List.of("3", "1", "3", "2", "1")));
    assertThat(stored.getList("codes")).containsExactly("3", "1", "2");
  }

  @Test
  void keepsListDuplicatesAndOrder() {
    Record stored = roundTrip(customer("c-2", "200").setList("tags", List.of("b", "a", "b", "")));
    assertThat(stored.getList("tags")).containsExactly("b", "a", "b", "");
  }

  @Test
  void acceptsEmptyList() {
    assertThat(roundTrip(customer("c-2", "200").setList("tags", List.of())).getList("tags"))
        .isEmpty();
  }

  // ---- record identifier

  @Test
  void rejectsRecordWithoutIdentifier() {
    assertRejected(
        CUSTOMERS,
        Record.builder().set("event_time", "200").set("orders", 1).build(),
        "the record identifier feature 'customer_id' is required in every record");
  }

  @Test
  void rejectsEmptyIdentifier() {
    assertRejected(
        CUSTOMERS, customer("", "200").build(), "the record identifier value must not be empty");
  }

  @Test
  void rejectsIdentifierOver2KilobytesAsSizeLimitExceeded() {
    assertRejectedAs(
        SizeLimitExceededException.class,
        CUSTOMERS,
        customer("x".repeat(2049), "200").build(),
        "record identifier",
        "size limit exceeded, 2049 bytes (expected: <= 2048 bytes)");
  }

  @Test
  void measuresIdentifierInUtf8Bytes() {
    String euros = "€".repeat(683); // 683 characters, 2049 bytes
    assertRejectedAs(
        SizeLimitExceededException.class, CUSTOMERS, customer(euros, "200").build(), "2049 bytes");
  }

  @Test
  void acceptsIdentifierOf2Kilobytes() {
    String id = "x".repeat(2048);
    store.putRecord(CUSTOMERS, customer(id, "200").build());
    assertThat(store.getRecord(CUSTOMERS, id)).isPresent();
  }

  @Test
  void rejectsIdentifierNotOfItsFeatureType() {
    assertRejected(
        ORDERS,
        order("abc", "2024-01-01T00:00:00Z").build(),
        "value 'abc' of feature 'order_id' is not a valid Integral");
  }

  // ---- event time

  @Test
  void rejectsRecordWithoutEventTime() {
    assertRejected(
        CUSTOMERS,
        Record.builder().set("customer_id", "c-1").set("orders", 1).build(),
        "the event time feature 'event_time' is required in every record");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2023-11-21T22:13:20Z", "2023-11-21T22:13:20.123Z"})
  void acceptsIsoEventTimeWithAndWithoutMilliseconds(String eventTime) {
    store.putRecord(ORDERS, order("1", eventTime).build());
    assertThat(store.getRecord(ORDERS, "1").orElseThrow().record().getString("event_time"))
        .isEqualTo(eventTime);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2023-11-21T22:13:20",
        "2023-11-21T22:13:20+00:00",
        "2023-11-21T22:13:20.123+01:00",
        "2023-11-21T22:13:20z",
        "2023-11-21 22:13:20Z",
        "2023-11-21T22:13:20.1Z",
        "2023-11-21T22:13:20.123456Z",
        "20231121T221320Z",
        "2023-11-21",
        "1700000000"
      })
  void rejectsIsoEventTimeInOtherFormats(String eventTime) {
    assertRejected(
        ORDERS,
        order("1", eventTime).build(),
        "event time '" + eventTime + "'",
        "not a valid event time format",
        "yyyy-MM-dd'T'HH:mm:ssZ or yyyy-MM-dd'T'HH:mm:ss.SSSZ");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2023-02-30T00:00:00Z",
        "2023-13-01T00:00:00Z",
        "2023-01-01T24:00:00Z",
        "2023-01-01T00:60:00Z"
      })
  void rejectsIsoEventTimeThatIsNotACalendarTime(String eventTime) {
    assertRejected(
        ORDERS,
        order("1", eventTime).build(),
        "event time '" + eventTime + "'",
        "a valid calendar date and time");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0000-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z"})
  void acceptsIsoEventTimeAtTheRangeLimits(String eventTime) {
    store.putRecord(ORDERS, order("2", eventTime).build());
    assertThat(store.getRecord(ORDERS, "2")).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"10000-01-01T00:00:00Z", "-0001-12-31T23:59:59Z"})
  void rejectsIsoEventTimeOutsideTheRange(String eventTime) {
    assertRejected(ORDERS, order("1", eventTime).build(), "not a valid event time format");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.7e9", "1.7000000005E9", "1700000000.5"})
  void acceptsFractionalEventTimeInDecimalAndExponentForm(String eventTime) {
    store.putRecord(CUSTOMERS, customer("c-1", eventTime).build());
    assertThat(store.getRecord(CUSTOMERS, "c-1").orElseThrow().record().getString("event_time"))
        .isEqualTo(eventTime);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-62167219200.001", "253402300800", "1e20"})
  void rejectsFractionalEventTimeOutsideTheRange(String eventTime) {
    assertRejected(
        CUSTOMERS,
        customer("c-1", eventTime).build(),
        "event time '" + eventTime + "'",
        "a time from 0000-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-62167219200", "253402300799.999"})
  void acceptsFractionalEventTimeAtTheRangeLimits(String eventTime) {
    store.putRecord(CUSTOMERS, customer("c-2", eventTime).build());
    assertThat(store.getRecord(CUSTOMERS, "c-2")).isPresent();
  }

  @Test
  void rejectsIsoStringForFractionalEventTime() {
    assertRejected(
        CUSTOMERS,
        customer("c-1", "2023-11-21T22:13:20Z").build(),
        "value '2023-11-21T22:13:20Z' of feature 'event_time' is not a valid Fractional");
  }

  // ---- size limits

  @Test
  void rejectsValueOver350Kilobytes() {
    assertRejectedAs(
        SizeLimitExceededException.class,
        CUSTOMERS,
        customer("c-1", "200").set("bio", "x".repeat(KB_350 + 1)).build(),
        "value of feature 'bio'",
        "size limit exceeded, 358401 bytes (expected: <= 358400 bytes)");
  }

  @Test
  void measuresValueInUtf8Bytes() {
    String accented = "é".repeat(KB_350 / 2 + 1); // 179,201 characters, 358,402 bytes
    assertRejectedAs(
        SizeLimitExceededException.class,
        CUSTOMERS,
        customer("c-1", "200").set("bio", accented).build(),
        "value of feature 'bio'",
        "358402 bytes");
  }

  @Test
  void rejectsListValueOver350Kilobytes() {
    String half = "x".repeat(KB_350 / 2 + 1);
    assertRejectedAs(
        SizeLimitExceededException.class,
        CUSTOMERS,
        customer("c-1", "200").setList("tags", List.of(half, half)).build(),
        "value of feature 'tags'",
        "358402 bytes");
  }

  @Test
  void rejectsRecordOver350KilobytesWhoseValuesAreEachUnder() {
    String big = "x".repeat(200 * 1024);
    assertRejectedAs(
        SizeLimitExceededException.class,
        CUSTOMERS,
        customer("c-1", "200").set("name", big).set("bio", big).build(),
        "record for feature group customers",
        "(expected: <= 358400 bytes)");
  }

  @Test
  void acceptsRecordJustUnder350Kilobytes() {
    // Names and values: customer_id + c-2 + event_time + 200 + bio = 30 bytes besides the bio.
    String bio = "x".repeat(KB_350 - 30);
    assertThat(roundTrip(customer("c-2", "200").set("bio", bio)).getString("bio"))
        .hasSize(KB_350 - 30);
  }

  // ---- helpers

  private Record roundTrip(Record.Builder record) {
    store.putRecord(CUSTOMERS, record.build());
    return store.getRecord(CUSTOMERS, "c-2").orElseThrow().record();
  }

  private void assertRejected(String group, Record record, String... fragments) {
    assertRejectedAs(ValidationException.class, group, record, fragments);
  }

  private void assertRejectedAs(
      Class<? extends ValidationException> type, String group, Record record, String... fragments) {
    assertThatThrownBy(() -> store.putRecord(group, record))
        .isExactlyInstanceOf(type)
        .hasMessageStartingWith("Cannot ")
        .hasMessageContainingAll(fragments);
    assertThat(store.getRecord(CUSTOMERS, "c-1")).hasValue(customerBefore);
    assertThat(store.getRecord(CUSTOMERS, "c-2")).isEmpty();
    assertThat(store.getRecord(ORDERS, "1")).hasValue(orderBefore);
    assertThat(store.getRecord(ORDERS, "2")).isEmpty();
  }
}
