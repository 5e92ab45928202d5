package io.quiver.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class PollBeforeBlockingTest {
  private static final long WINDOW = 50_000;
  private static final long POLL_COST = 10_000;

  private long now = 1_000_000;
  private int polls;
  private final Deque<Integer> ready = new ArrayDeque<>();
  private final PollBeforeBlocking strategy = new PollBeforeBlocking(WINDOW, () -> now);

  // Each poll takes POLL_COST on the clock and finds the next queued count, or nothing.
  private final IntSupplier selectNow =
      () -> {
        polls++;
        now += POLL_COST;
        Integer next = ready.poll();
        return next == null ? 0 : next;
      };

  private int next(boolean hasTasks) throws Exception {
    polls = 0;
    return strategy.calculateStrategy(selectNow, hasTasks);
  }

  @Test
  void aLoopWithTasksPollsOnceAndNeverBlocks() throws Exception {
    assertThat(next(true)).isZero();
    assertThat(polls).isEqualTo(1);
    ready.add(2);
    assertThat(next(true)).isEqualTo(2);
    assertThat(polls).isEqualTo(1);
  }

  @Test
  void aBusyLoopPollsUntilConnectionsAreReady() throws Exception {
    ready.addAll(List.of(0, 0, 3));
    assertThat(next(false)).isEqualTo(3);
    assertThat(polls).isEqualTo(3);
    ready.add(1);
    assertThat(next(false)).as("still busy: polls again").isEqualTo(1);
  }

  @Test
  void aLoopGoingIdlePollsForTheWindowThenBlocks() throws Exception {
    assertThat(next(false)).isEqualTo(SelectStrategy.SELECT);
    assertThat(polls).isEqualTo((int) (WINDOW / POLL_COST));
  }

  @Test
  void afterALongBlockTheLoopBlocksAtOnceUntilWorkComesQuicklyAgain() throws Exception {
    assertThat(next(false)).isEqualTo(SelectStrategy.SELECT);
    now += 10 * WINDOW; // blocked, then woken by a request long after
    assertThat(next(false)).isEqualTo(SelectStrategy.SELECT);
    assertThat(polls).as("no poll after a long block").isZero();

    now += WINDOW / 5; // blocked briefly: work is arriving quickly
    ready.add(4);
    assertThat(next(false)).isEqualTo(4);
    assertThat(polls).isEqualTo(1);
  }

  @Test
  void tasksMakeAnIdleLoopBusyAgain() throws Exception {
    assertThat(next(false)).isEqualTo(SelectStrategy.SELECT);
    now += 10 * WINDOW;
    assertThat(next(true)).isZero();
    ready.add(1);
    assertThat(next(false)).as("polls: the last pass began without blocking").isEqualTo(1);
  }

  @Test
  void aWindowMustBePositive() {
    assertThatThrownBy(() -> new PollBeforeBlocking(0, System::nanoTime))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("windowNanos: 0 (expected: > 0)");
  }
}
