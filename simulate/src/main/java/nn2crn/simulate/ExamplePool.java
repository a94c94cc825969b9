package nn2crn.simulate;

import nn2crn.crn.CrnException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs one task per example on a fixed pool of daemon threads and waits for all of them: an
 * interruption says where the finished examples are (to resume from), a task's own failure
 * surfaces as itself.
 */
final class ExamplePool {

    /** The work of one example; may write its result. */
    @FunctionalInterface
    interface Task<T> {
        void run(T example) throws IOException;
    }

    private ExamplePool() {
    }

    static <T> void forEach(List<T> examples, int threads, String threadName, Path results, Task<T> task) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, examples.size())), r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        try {
            // waited for as they finish: the first failure stops the others (shutdownNow interrupts them)
            java.util.concurrent.CompletionService<Object> done = new java.util.concurrent.ExecutorCompletionService<>(pool);
            for (T example : examples) {
                done.submit(() -> {
                    task.run(example);
                    return null;
                });
            }
            for (int k = 0; k < examples.size(); k++) {
                done.take().get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CrnException("interrupted; finished examples are in " + results + " (--resume continues)");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw new UncheckedIOException("cannot write " + results + ": " + io.getMessage(), io);
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }
}
