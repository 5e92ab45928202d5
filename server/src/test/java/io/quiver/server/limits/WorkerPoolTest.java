package io.quiver.server.limits;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.storage.error.ServiceUnavailableException;
import io.quiver.storage.error.ThrottlingException;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {
  @Test
  void fullPoolThrottlesInsteadOfQueueing() throws InterruptedException {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (WorkerPool pool = new WorkerPool(1, 1)) {
      pool.execute(
          () -> {
            running.countDown();
            await(release);
          });
      running.await();
      pool.execute(() -> {}); // fills the queue
      assertThatThrownBy(() -> pool.execute(() -> {}))
          .isInstanceOf(ThrottlingException.class)
          .hasMessageContaining("capacity");
      release.countDown();
    }
  }

  @Test
  void closedPoolSaysTheServerIsStopping() {
    WorkerPool pool = new WorkerPool(1, 1);
    pool.close();
    assertThatThrownBy(() -> pool.execute(() -> {}))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessageContaining("stopping");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
