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
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One event loop's PutRecords, committed together: the puts the loop takes while it reads its ready
 * connections are gathered here, and a task queued behind that pass writes them all in one durable
 * write ({@link QuiverStore#tryPutEach}) and answers each. A put costs one WAL write shared by all
 * of its pass instead of one of its own, and none waits longer than the pass it arrived in.
 * Confined to its event loop.
 */
final class GroupCommit {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

  private static final HttpReply WRITTEN = HttpReply.empty(RuntimeCodec.CONTENT_TYPE);

  private final QuiverStore store;
  private final EventExecutor loop;
  private final Runnable commitTask = this::commit;
  private List<RecordPut> puts = new ArrayList<>();
  private List<WriteAnswer> answers = new ArrayList<>();

  GroupCommit(QuiverStore store, EventExecutor loop) {
    this.store = store;
    this.loop = loop;
  }

  /** Adds {@code put}, answered through {@code answer} once its group is committed. */
  void add(RecordPut put, WriteAnswer answer) {
    if (puts.isEmpty()) {
      loop.execute(commitTask); // runs once the loop has finished its current pass
    }
    puts.add(put);
    answers.add(answer);
  }

  private void commit() {
    // Answering may dispatch requests that waited behind a put, which may add puts: those form
    // the next group.
    List<RecordPut> group = puts;
    List<WriteAnswer> waiting = answers;
    puts = new ArrayList<>(group.size());
    answers = new ArrayList<>(group.size());
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
          case WOULD_WAIT -> answer.mustWait();
        }
      } catch (RuntimeException e) {
        LOG.error("Cannot answer a PutRecord", e); // the others are still answered
      }
    }
  }
}
