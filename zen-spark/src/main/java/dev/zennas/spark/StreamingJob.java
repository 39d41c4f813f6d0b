package dev.zennas.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * Runs a named function over work units on Spark and hands each task's results to the driver as soon as that task
 * ends — not at the end of the job — so a caller that writes them to a cache loses at most the tasks in flight when
 * the job is killed.
 */
final class StreamingJob {

    private StreamingJob() {
    }

    /**
     * The work of one task: a named, serialisable class (never a lambda) that Spark ships to the executors. It
     * receives the task's work units and returns one result per unit.
     */
    abstract static class TaskFunction<U, R> extends AbstractFunction1<scala.collection.Iterator<U>, ArrayList<R>>
            implements Serializable {
        private static final long serialVersionUID = 1L;

        /** Scores {@code units} on the executor. */
        abstract ArrayList<R> run(java.util.Iterator<U> units);

        @Override
        public final ArrayList<R> apply(scala.collection.Iterator<U> units) {
            return run(scala.collection.JavaConverters.asJavaIterator(units));
        }
    }

    /** Driver side: passes each finished task's results on. Called by Spark's scheduler, one task at a time. */
    private static final class Deliver<R> extends AbstractFunction2<Object, ArrayList<R>, BoxedUnit> {
        private final Consumer<R> sink;

        Deliver(Consumer<R> sink) {
            this.sink = sink;
        }

        @Override
        public BoxedUnit apply(Object partition, ArrayList<R> results) {
            results.forEach(sink);
            return BoxedUnit.UNIT;
        }
    }

    /**
     * Runs {@code task} over {@code units}, {@code unitsPerTask} units to a task, and blocks until every task ended;
     * {@code sink} sees every result on the driver, task by task.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <U, R> void run(JavaSparkContext sc, List<U> units, int unitsPerTask, TaskFunction<U, R> task,
            Consumer<R> sink) {
        if (units.isEmpty()) {
            return;
        }
        int tasks = (units.size() + unitsPerTask - 1) / unitsPerTask;
        JavaRDD<U> rdd = sc.parallelize(units, tasks);
        ClassTag<ArrayList<R>> tag = (ClassTag) ClassTag$.MODULE$.apply(ArrayList.class);
        sc.sc().runJob(rdd.rdd(), task, new Deliver<>(sink), tag);
    }
}
