package io.quiver.storage;

import static io.quiver.storage.catalog.FeatureType.FRACTIONAL;
import static io.quiver.storage.catalog.FeatureType.INTEGRAL;
import static io.quiver.storage.catalog.FeatureType.STRING;

import io.quiver.storage.catalog.FeatureDefinition;
import io.quiver.storage.catalog.FeatureGroupSpec;
import io.quiver.storage.catalog.OfflineStoreConfig;
import io.quiver.storage.catalog.OnlineStoreConfig;
import io.quiver.storage.record.Record;

/**
 * The feature groups the storage tests share, so each test states only what it changes.
 *
 * <ul>
 *   <li>{@code customers}: String identifier {@code customer_id}, Fractional (epoch seconds) event
 *       time, one feature of every scalar type and every collection type, online store only.
 *   <li>{@code orders}: Integral identifier {@code order_id}, String (ISO-8601) event time, online
 *       and offline stores.
 * </ul>
 */
public final class TestGroups {
  /** Name of the customers group built by {@link #customers()}. */
  public static final String CUSTOMERS = "customers";

  /** Name of the orders group built by {@link #orders()}. */
  public static final String ORDERS = "orders";

  private TestGroups() {}

  /** The customers group definition under another name, still open to changes. */
  public static FeatureGroupSpec.Builder customers(String name) {
    return FeatureGroupSpec.builder(name)
        .recordIdentifier("customer_id")
        .eventTime("event_time")
        .feature("customer_id", STRING)
        .feature("event_time", FRACTIONAL)
        .feature("orders", INTEGRAL)
        .feature("score", FRACTIONAL)
        .feature("name", STRING)
        .feature("bio", STRING)
        .feature(FeatureDefinition.list("tags", STRING))
        .feature(FeatureDefinition.set("codes", INTEGRAL))
        .feature(FeatureDefinition.vector("embedding", 3))
        .onlineStore(OnlineStoreConfig.enabled());
  }

  /**
   * Creates {@link #CUSTOMERS}, {@link #ORDERS} and {@code history}: the customers' features with
   * an offline store and no online store. The groups the write and read path tests start from.
   */
  public static void createCustomersOrdersAndHistory(QuiverStore store, String history) {
    store.createFeatureGroup(customers());
    store.createFeatureGroup(orders());
    store.createFeatureGroup(
        customers(history)
            .onlineStore(null)
            .offlineStore(OfflineStoreConfig.storeDefault())
            .build());
  }

  /** The customers group definition. */
  public static FeatureGroupSpec customers() {
    return customers(CUSTOMERS).build();
  }

  /** The orders group definition under another name, still open to changes. */
  public static FeatureGroupSpec.Builder orders(String name) {
    return FeatureGroupSpec.builder(name)
        .recordIdentifier("order_id")
        .eventTime("event_time")
        .feature("order_id", INTEGRAL)
        .feature("event_time", STRING)
        .feature("amount", FRACTIONAL)
        .onlineStore(OnlineStoreConfig.enabled())
        .offlineStore(OfflineStoreConfig.storeDefault());
  }

  /** The orders group definition. */
  public static FeatureGroupSpec orders() {
    return orders(ORDERS).build();
  }

  /** A customers record holding only its identifier and event time (epoch seconds as given). */
  public static Record.Builder customer(String id, String eventTime) {
    return Record.builder().set("customer_id", id).set("event_time", eventTime);
  }

  /** An orders record holding only its identifier and event time (ISO-8601 as given). */
  public static Record.Builder order(String id, String eventTime) {
    return Record.builder().set("order_id", id).set("event_time", eventTime);
  }
}
