package io.quiver.storage;

import io.quiver.storage.error.ResourceNotFoundException;
import io.quiver.storage.record.Record;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The child process of {@link EventTimeLeaseCrashTest}: writes records of {@link #IDS} identifiers
 * from three threads (one {@code putRecord} at a time, {@code putRecords} batches, {@code
 * tryPutEach} lists) until it is killed, printing {@code ACK <record id> <event time> END} for each
 * record of an acknowledged write. Event times first grow, by up to two hours a write (so writes
 * pass the group's event-time lease again and again), then go back by up to four hours. Arguments:
 * data dir, seed, first event time (epoch seconds), writes before the event times go back.
 */
public final class LeaseCrashWriterMain {
  static final int IDS = 20;

  private LeaseCrashWriterMain() {}

  public static void main(String[] args) {
    Path dataDir = Path.of(args[0]);
    long seed = Long.parseLong(args[1]);
    AtomicLong clock = new AtomicLong(Long.parseLong(args[2]));
    int growing = Integer.parseInt(args[3]);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    QuiverStore store = QuiverStore.open(dataDir); // never closed: the parent kills this process
    try {
      store.describeFeatureGroup(TestGroups.CUSTOMERS);
    } catch (ResourceNotFoundException e) {
      store.createFeatureGroup(TestGroups.customers());
    }
    out.println("READY");
    AtomicLong writes = new AtomicLong();
    for (int t = 0; t < 3; t++) {
      int thread = t;
      Thread writer =
          new Thread(
              () -> {
                Random random = new Random(seed * 31 + thread);
                while (true) {
                  int count = thread == 0 ? 1 : 1 + random.nextInt(4);
                  List<Record> records = new ArrayList<>(count);
                  for (int i = 0; i < count; i++) {
                    long eventTime =
                        writes.incrementAndGet() < growing
                            ? clock.addAndGet(1 + random.nextInt(7_200))
                            : clock.get() - random.nextInt(4 * 3_600);
                    String id = "c-" + random.nextInt(IDS);
                    records.add(
                        TestGroups.customer(id, Long.toString(eventTime))
                            .set("name", "t" + thread + "-" + eventTime)
                            .build());
                  }
                  List<Record> acknowledged = write(store, thread, records);
                  for (Record record : acknowledged) {
                    out.println(
                        "ACK "
                            + record.getString("customer_id")
                            + " "
                            + record.getString("event_time")
                            + " END");
                  }
                }
              },
              "writer-" + t);
      writer.start();
    }
  }

  /** Writes {@code records} the thread's way; returns those acknowledged. */
  private static List<Record> write(QuiverStore store, int thread, List<Record> records) {
    if (thread == 0) {
      store.putRecord(TestGroups.CUSTOMERS, records.get(0));
      return records;
    }
    if (thread == 1) {
      store.putRecords(TestGroups.CUSTOMERS, records, RecordWriteOptions.defaults());
      return records;
    }
    List<RecordPut> puts = new ArrayList<>(records.size());
    for (Record record : records) {
      puts.add(new RecordPut(TestGroups.CUSTOMERS, record, RecordWriteOptions.defaults()));
    }
    List<PutOutcome> outcomes = store.tryPutEach(puts);
    List<Record> written = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      if (outcomes.get(i).kind() == PutOutcome.Kind.WRITTEN) {
        written.add(records.get(i));
      }
    }
    return written;
  }
}
