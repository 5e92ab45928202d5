package io.quiver.server.runtime;

import static java.util.Objects.requireNonNull;

import io.netty.util.concurrent.EventExecutor;
import io.quiver.server.http.HttpReply;
import io.quiver.server.http.WriteAnswer;
import io.quiver.storage.PutOutcome;
import io.quiver.storage.QuiverStore;
import io.quiver.storage.RecordPut;
import io.quiver.storage.error.StorageException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One event loop's PutRecords, committed together: the puts the loop takes while it reads its ready
 * connections are gathered here, and a task queued behind that pass writes them all in one durable
 * write ({@link QuiverStore#tryPutEach}) and answers each. A put costs one WAL write shared by all
 * of its pass instead of one of its own, and none waits longer than the pass it arrived in.
 * Confined to its event loop.
 *
 * <p>A put the store could not take without waiting (its identifier's lock held by the other loop's
 * commit, or a write stall) joins the next group once, since the other commit is most often over by
 * then; only if it would wait again is it handed to a worker, which costs two thread switches and,
 * under load, the put's place in the tail of the latency distribution.
 */
final class GroupCommit {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

  private static final HttpReply WRITTEN = HttpReply.empty(RuntimeCodec.CONTENT_TYPE);

  private final QuiverStore store;
  private final EventExecutor loop;
  private final Runnable commitTask = this::commit;
  private List<RecordPut> puts = new ArrayList<>();
  private List<WriteAnswer> answers = new ArrayList<>();
  // The positions in the current group of puts that would have waited in an earlier group.
  private BitSet retries = new BitSet();

  GroupCommit(QuiverStore store, EventExecutor loop) {
    this.store = store;
    this.loop = loop;
  }

  /** Adds {@code put}, answered through {@code answer} once its group is committed. */
  void add(RecordPut put, WriteAnswer answer) {
    add(put, answer, false);
  }

  private void add(RecordPut put, WriteAnswer answer, boolean retry) {
    if (puts.isEmpty()) {
      loop.execute(commitTask); // runs once the loop has finished its current pass
    }
    if (retry) {
      retries.set(puts.size());
    }
    puts.add(put);
    answers.add(answer);
  }

  private void commit() {
    // Answering may dispatch requests that waited behind a put, which may add puts: those form
    // the next group.
    List<RecordPut> group = puts;
    List<WriteAnswer> waiting = answers;
    BitSet retried = retries;
    puts = new ArrayList<>(group.size());
    answers = new ArrayList<>(group.size());
    retries = new BitSet();
    List<PutOutcome> outcomes;
    try {
      outcomes = store.tryPutEach(group);
    } catch (RuntimeException e) {
      LOG.error("PutRecord failed unexpectedly", e);
      StorageException failure = new StorageException("Internal failure; see the server log", e);
      waiting.forEach(answer -> answer.refused(failure));
      return;
    }
    for (int i = 0; i < waiting.size(); i++) {
      PutOutcome outcome = outcomes.get(i);
      WriteAnswer answer = waiting.get(i);
      try {
        switch (outcome.kind()) {
          case WRITTEN -> answer.written(WRITTEN);
          case REFUSED -> answer.refused(requireNonNull(outcome.refusal()));
          case WOULD_WAIT -> {
            if (retried.get(i)) {
              answer.mustWait();
            } else {
              add(group.get(i), answer, true);
            }
          }
        }
      } catch (RuntimeException e) {
        LOG.error("Cannot answer a PutRecord", e); // the others are still answered
      }
    }
  }
}
