package io.workbench.spark;

import io.workbench.explain.Attribution;
import io.workbench.explain.Explainer;
import io.workbench.model.Model;
import io.workbench.progress.ProgressListener;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.Tuple2;

/**
 * What each partition runs, broadcast once per executor: the shipped model, the explainer's settings (Java
 * serialisation of the library's settings, never of the model), the feature columns and the batch size. An
 * executor JVM rebuilds the explainer once per plan ({@link Explainer#withModel}) and explains its rows in
 * batches, each row seeded by its row id.
 */
final class PartitionPlan implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Explainers rebuilt in this JVM, by plan key. */
  private static final Map<String, Explainer<?>> EXPLAINERS = new ConcurrentHashMap<>();

  final ShippedModel model;
  private final byte[] settings;
  private final String key;
  final FeatureColumns columns;
  final int batchRows;
  final int threads;
  /** Whether to append the attribution's own inputs (when it explains groups, not the model's features). */
  final boolean ownInputs;
  final boolean delta;
  /** Whether to append the row id (no id column was named). */
  final boolean appendId;

  PartitionPlan(ShippedModel model, Explainer<?> explainer, FeatureColumns columns, int batchRows, int threads,
      boolean ownInputs, boolean delta, boolean appendId) {
    this.model = model;
    this.settings = serialize(explainer);
    this.key = model.key() + "/" + ShippedModel.sha256(settings) + "/" + threads;
    this.columns = columns;
    this.batchRows = batchRows;
    this.threads = threads;
    this.ownInputs = ownInputs;
    this.delta = delta;
    this.appendId = appendId;
  }

  /** The explainer's settings as bytes; fails on the driver, naming the field, when a setting cannot travel. */
  private static byte[] serialize(Explainer<?> explainer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(explainer);
    } catch (NotSerializableException e) {
      throw new IllegalArgumentException("explainer: the settings of " + explainer.getClass().getSimpleName()
          + " cannot be shipped to executors: " + e.getMessage() + " is not serialisable", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("explainer: could not write its settings: " + e.getMessage(), e);
    }
    return bytes.toByteArray();
  }

  /** This JVM's explainer for the plan: settings read once, bound to the model loaded once. */
  Explainer<?> explainer() {
    return EXPLAINERS.computeIfAbsent(key, k -> {
      try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(settings)) {
        @Override
        protected Class<?> resolveClass(java.io.ObjectStreamClass desc) throws IOException, ClassNotFoundException {
          return Class.forName(desc.getName(), false, PartitionPlan.class.getClassLoader());
        }
      }) {
        Explainer<?> e = (Explainer<?>) in.readObject();
        Model m = model.model();
        return e.withModel(m).threads(threads).progress(ProgressListener.silent());
      } catch (IOException | ClassNotFoundException e) {
        throw new IllegalStateException("Could not read the explainer's settings on this executor: " + e, e);
      }
    });
  }

  /** The output rows of one partition, explained batch by batch as the iterator is consumed. */
  Iterator<Row> explain(Iterator<Tuple2<Row, Long>> rows) {
    return new Batches<>(rows, batchRows) {
      @Override
      List<Row> process(List<Tuple2<Row, Long>> batch) {
        int n = batch.size();
        int d = columns.names().size();
        float[][] x = new float[n][d];
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
          columns.read(batch.get(i)._1(), x[i]);
          ids[i] = batch.get(i)._2();
        }
        Attribution a = explainer().explain(x, ids);
        double[][] v = a.values();
        double[] base = a.baseValues();
        double[] out = a.outputs();
        int[] t = a.targets();
        double[] dl = delta ? a.convergenceDelta().orElse(null) : null;
        float[][] in = ownInputs ? a.inputs() : null;
        List<Row> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          List<Object> extra = new ArrayList<>(7);
          extra.add(v[i]);
          extra.add(base[i]);
          extra.add(out[i]);
          extra.add(t[i]);
          if (delta) {
            extra.add(dl == null ? null : dl[i]);
          }
          if (ownInputs) {
            extra.add(in[i]);
          }
          if (appendId) {
            extra.add(ids[i]);
          }
          result.add(appended(batch.get(i)._1(), extra));
        }
        return result;
      }
    };
  }

  /** Stops this task when Spark cancelled it (a cancelled job stops at the next batch). */
  static void checkKilled() {
    TaskContext tc = TaskContext.get();
    if (tc != null) {
      tc.killTaskIfInterrupted();
    }
  }

  /** A row with values appended. */
  static Row appended(Row row, List<Object> extra) {
    Object[] vals = new Object[row.length() + extra.size()];
    for (int i = 0; i < row.length(); i++) {
      vals[i] = row.get(i);
    }
    for (int k = 0; k < extra.size(); k++) {
      vals[row.length() + k] = extra.get(k);
    }
    return RowFactory.create(vals);
  }

  /**
   * Pulls {@code size} input rows at a time and hands out the processed rows: one library call per batch, the
   * task's kill flag checked between batches (a cancelled job stops at the next batch).
   */
  abstract static class Batches<I> implements Iterator<Row> {
    private final Iterator<I> in;
    private final int size;
    private Iterator<Row> current = java.util.Collections.emptyIterator();

    Batches(Iterator<I> in, int size) {
      this.in = in;
      this.size = size;
    }

    abstract List<Row> process(List<I> batch);

    @Override
    public boolean hasNext() {
      while (!current.hasNext() && in.hasNext()) {
        checkKilled();
        List<I> batch = new ArrayList<>(size);
        while (batch.size() < size && in.hasNext()) {
          batch.add(in.next());
        }
        current = process(batch).iterator();
      }
      return current.hasNext();
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return current.next();
    }
  }
}
