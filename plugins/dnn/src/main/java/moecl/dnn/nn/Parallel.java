package moecl.dnn.nn;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs independent tasks on a few threads. Determinism is the callers' business and they get it by construction:
 * every task writes only its own outputs, and anything summed across tasks is summed afterwards in task order. So
 * which thread runs which task never shows in the results.
 */
final class Parallel {

    /** Shared daemon workers, created on demand and retired after a minute idle. */
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "moecl-dnn-worker");
        t.setDaemon(true);
        return t;
    });

    /** A task body: {@code task} in {@code [0, tasks)}, {@code worker} in {@code [0, threads)} (for scratch). */
    interface Body {
        void run(int task, int worker);
    }

    private Parallel() {
    }

    /** Runs {@code body} for every task on up to {@code threads} threads, the caller being one of them. */
    static void forEach(int tasks, int threads, Body body) {
        int workers = Math.min(threads, tasks);
        if (workers <= 1) {
            for (int t = 0; t < tasks; t++) {
                body.run(t, 0);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(workers - 1);
        for (int w = 1; w < workers; w++) {
            int worker = w;
            POOL.execute(() -> {
                try {
                    drain(next, tasks, body, worker, failure);
                } finally {
                    done.countDown();
                }
            });
        }
        drain(next, tasks, body, 0, failure);
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the helpers write into our buffers: never return before they finish
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
    }

    private static void drain(AtomicInteger next, int tasks, Body body, int worker,
                              AtomicReference<Throwable> failure) {
        for (int t; (t = next.getAndIncrement()) < tasks; ) {
            if (failure.get() != null) {
                return;
            }
            try {
                body.run(t, worker);
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
                return;
            }
        }
    }
}
