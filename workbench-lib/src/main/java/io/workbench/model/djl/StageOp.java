package io.workbench.model.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;
import io.workbench.model.Propagation;
import io.workbench.model.RelevanceRule;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * One stage of a network as the propagation methods see it ({@link Propagation.Kind}): its forward map, and
 * the pieces DeepLIFT and LRP need (local multipliers of nonlinear stages, transposed linear maps, z-rules).
 * Weights are detached copies in the propagation's own manager; results of per-batch work always attach to the
 * manager of the batch arrays (they are the first operand of every operation).
 */
abstract class StageOp {

  /** Smallest stabiliser of the non-epsilon rules (zennit's default). */
  static final double STABILIZER = 1e-6;

  final Propagation.Kind kind;
  final String layer;
  final String function;
  int[] inShape;
  int[] outShape;

  StageOp(Propagation.Kind kind, String layer, String function) {
    this.kind = kind;
    this.layer = layer;
    this.function = function;
  }

  /** The stage's forward map on a batch. */
  abstract NDArray forward(NDArray x);

  /** Batch shape of this stage's input for {@code m} rows. */
  Shape inputShape(long m) {
    return batchShape(m, inShape);
  }

  static Shape batchShape(long m, int[] shape) {
    long[] dims = new long[shape.length + 1];
    dims[0] = m;
    for (int i = 0; i < shape.length; i++) {
      dims[i + 1] = shape[i];
    }
    return new Shape(dims);
  }

  /** Whether the stage maps input differences linearly (everything but activations and max pools). */
  boolean linear() {
    return true;
  }

  // ------------------------------------------------------------------ autograd helper

  /** Vector-Jacobian products through PyTorch's autograd, inside one open gradient collector. */
  static final class Autograd {
    final GradientCollector gc;

    Autograd(GradientCollector gc) {
      this.gc = gc;
    }

    /** {@code (d fn / d in)^T upstream} at {@code at}. */
    NDArray vjp(UnaryOperator<NDArray> fn, NDArray at, NDArray upstream) {
      NDArray leaf = at.duplicate();
      leaf.setRequiresGradient(true);
      NDArray out = fn.apply(leaf);
      gc.backward(out.mul(upstream).sum());
      return leaf.getGradient();
    }

    /** The transpose of a linear map applied to {@code upstream}, for inputs of {@code inShape}. */
    NDArray transpose(UnaryOperator<NDArray> fn, Shape inShape, NDArray upstream) {
      return vjp(fn, upstream.getManager().zeros(inShape), upstream);
    }
  }

  // ------------------------------------------------------------------ DeepLIFT

  /**
   * DeepLIFT's local multipliers of a nonlinear stage for one batch: {@code pos} and {@code neg} for the positive
   * and negative parts of the input difference (equal under the rescale rule), and the output differences when
   * the parts are tracked.
   */
  record Local(NDArray pos, NDArray neg, NDArray outPos, NDArray outNeg) {}

  /**
   * The local multipliers from the stage's input at {@code x} and at the reference {@code r}; with parts
   * {@code dPos, dNeg} (reveal-cancel tracking) also the output parts.
   */
  Local local(NDArray x, NDArray r, NDArray dPos, NDArray dNeg, boolean revealCancel, Autograd ag) {
    throw new IllegalStateException(kind + " is linear");
  }

  /** Multipliers of the stage's input from those of its output (plain mode). */
  abstract NDArray back(NDArray m, Local local, Autograd ag);

  /** The positive and negative parts of the output difference from those of the input (linear stages). */
  NDArray[] pushParts(NDArray dPos, NDArray dNeg, Local local) {
    return new NDArray[] {push(dPos, local), push(dNeg, local)};
  }

  /** A positive linear stage's map of a difference (no bias). */
  NDArray push(NDArray d, Local local) {
    return forward(d);
  }

  /** Multipliers of both parts of the input from those of the output. */
  NDArray[] backParts(NDArray mPos, NDArray mNeg, Local local, Autograd ag) {
    return new NDArray[] {back(mPos, local, ag), back(mNeg, local, ag)};
  }

  // ------------------------------------------------------------------ LRP

  /**
   * Relevance of the stage's input from that of its output, under {@code rule}; {@code x} is the stage's input,
   * {@code bounds} the z^B bounds at this stage (null unless the rule is z^B).
   */
  NDArray relevance(NDArray r, NDArray x, RelevanceRule rule, NDArray[] bounds, Autograd ag) {
    return back(r, null, ag);
  }

  /** The rules this stage accepts, in words, for error messages. */
  String acceptedRules() {
    return "pass";
  }

  /** Whether the rule fits this stage. */
  boolean accepts(RelevanceRule rule) {
    return rule.kind() == RelevanceRule.Kind.PASS;
  }

  /** {@code where(denominator != 0, numerator / denominator, 0)}. */
  static NDArray safeDivide(NDArray num, NDArray den) {
    NDArray zero = den.eq(0);
    return NDArrays.where(zero, den.zerosLike(), num.div(den.add(zero.toType(den.getDataType(), false))));
  }

  /** {@code z + eps sign(z)} with sign(0) = 1. */
  static NDArray stabilise(NDArray z, double eps) {
    if (eps == 0) {
      return z;
    }
    NDArray sign = z.gte(0).toType(z.getDataType(), false).mul(2).sub(1);
    return z.add(sign.mul((float) eps));
  }

  // ================================================================== stages with weights

  /** A stage {@code y = A_W x + b} with weights: dense, convolution, or the elementwise standardisation. */
  abstract static class Weighted extends StageOp {
    final NDArray weight;
    final NDArray bias;
    private final Map<String, Param> params = new ConcurrentHashMap<>();

    Weighted(Propagation.Kind kind, String layer, NDArray weight, NDArray bias) {
      super(kind, layer, "");
      this.weight = weight;
      this.bias = bias;
    }

    /** A variant of the weights (and bias), built once. */
    record Param(NDArray w, NDArray wT, NDArray b) {}

    Param param(String key, Supplier<NDArray[]> make) {
      return params.computeIfAbsent(key, k -> {
        NDArray[] wb = make.get();
        return new Param(wb[0], transposeOf(wb[0]), wb[1]);
      });
    }

    /** What {@link Param#wT()} holds (the dense stage's transposed matrix; the weights themselves otherwise). */
    NDArray transposeOf(NDArray w) {
      return w;
    }

    Param plain() {
      return param("w", () -> new NDArray[] {weight, bias});
    }

    Param positive() {
      return param("w+", () -> new NDArray[] {weight.maximum(0), bias.maximum(0)});
    }

    Param negative() {
      return param("w-", () -> new NDArray[] {weight.minimum(0), bias.minimum(0)});
    }

    Param gamma(double g) {
      return param("gamma " + g, () -> new NDArray[] {weight.maximum(0).mul((float) g).add(weight),
          bias.maximum(0).mul((float) g).add(bias)});
    }

    Param squared() {
      return param("w2", () -> new NDArray[] {weight.square(), bias.zerosLike()});
    }

    Param ones() {
      return param("ones", () -> new NDArray[] {weight.onesLike(), bias.zerosLike()});
    }

    /** {@code A_w x (+ b)}. */
    abstract NDArray apply(NDArray x, Param p, boolean withBias);

    /** {@code A_w^T u}. */
    abstract NDArray transposed(NDArray u, Param p, Autograd ag);

    @Override
    NDArray forward(NDArray x) {
      return apply(x, plain(), true);
    }

    @Override
    NDArray back(NDArray m, Local local, Autograd ag) {
      return transposed(m, plain(), ag);
    }

    @Override
    NDArray[] pushParts(NDArray dPos, NDArray dNeg, Local local) {
      Param p = positive();
      Param n = negative();
      return new NDArray[] {apply(dPos, p, false).add(apply(dNeg, n, false)),
          apply(dNeg, p, false).add(apply(dPos, n, false))};
    }

    @Override
    NDArray[] backParts(NDArray mPos, NDArray mNeg, Local local, Autograd ag) {
      Param p = positive();
      Param n = negative();
      return new NDArray[] {transposed(mPos, p, ag).add(transposed(mNeg, n, ag)),
          transposed(mNeg, p, ag).add(transposed(mPos, n, ag))};
    }

    @Override
    String acceptedRules() {
      return kind == Propagation.Kind.STANDARDIZE ? "pass"
          : "epsilon, gamma, alpha-beta, z+, zB, flat or w^2";
    }

    @Override
    boolean accepts(RelevanceRule rule) {
      return kind == Propagation.Kind.STANDARDIZE ? rule.kind() == RelevanceRule.Kind.PASS : rule.isLinearRule();
    }

    @Override
    NDArray relevance(NDArray r, NDArray x, RelevanceRule rule, NDArray[] bounds, Autograd ag) {
      if (rule.kind() == RelevanceRule.Kind.PASS) {
        return r;
      }
      return switch (rule.kind()) {
        case EPSILON -> zRule(r, rule.a(), ag, new Term(x, plain(), true, 1));
        case GAMMA -> zRule(r, STABILIZER, ag, new Term(x, gamma(rule.a()), true, 1));
        case ALPHA_BETA -> {
          NDArray xp = x.maximum(0);
          NDArray xn = x.minimum(0);
          NDArray pos = zRule(r, STABILIZER, ag, new Term(xp, positive(), true, 1), new Term(xn, negative(), false, 1));
          NDArray neg = zRule(r, STABILIZER, ag, new Term(xp, negative(), true, 1), new Term(xn, positive(), false, 1));
          yield pos.mul((float) rule.a()).sub(neg.mul((float) rule.b()));
        }
        case Z_PLUS -> zRule(r, STABILIZER, ag, new Term(x.maximum(0), positive(), false, 1),
            new Term(x.minimum(0), negative(), false, 1));
        case Z_BOX -> zRule(r, STABILIZER, ag, new Term(x, plain(), false, 1), new Term(bounds[0], positive(), false, -1),
            new Term(bounds[1], negative(), false, -1));
        case FLAT -> zRule(r, STABILIZER, ag, new Term(x.onesLike(), ones(), false, 1));
        case W_SQUARE -> zRule(r, STABILIZER, ag, new Term(x.onesLike(), squared(), false, 1));
        default -> throw new IllegalStateException(rule.toString());
      };
    }

    /** One term {@code sign * in (A_p)} of a z-rule. */
    record Term(NDArray in, Param p, boolean withBias, int sign) {}

    /**
     * The generic z-rule: {@code z = sum_t sign_t A_t in_t (+ b_t)}, {@code s = R / (z + eps sign z)} (0 where the
     * denominator is 0), {@code R_in = sum_t sign_t in_t * A_t^T s}.
     */
    NDArray zRule(NDArray r, double eps, Autograd ag, Term... terms) {
      NDArray z = null;
      for (Term t : terms) {
        NDArray zt = apply(t.in, t.p, t.withBias);
        zt = t.sign < 0 ? zt.neg() : zt;
        z = z == null ? zt : z.add(zt);
      }
      NDArray s = safeDivide(r, stabilise(z, eps));
      NDArray out = null;
      for (Term t : terms) {
        NDArray c = transposed(s, t.p, ag).mul(t.in);
        c = t.sign < 0 ? c.neg() : c;
        out = out == null ? c : out.add(c);
      }
      return out;
    }
  }

  /** A dense stage: {@code x W^T + b}. */
  static final class Dense extends Weighted {
    Dense(String layer, NDArray weight, NDArray bias) {
      super(Propagation.Kind.DENSE, layer, weight, bias);
    }

    @Override
    NDArray transposeOf(NDArray w) {
      return w.transpose();
    }

    @Override
    NDArray apply(NDArray x, Param p, boolean withBias) {
      NDArray y = x.matMul(p.wT());
      return withBias ? y.add(p.b()) : y;
    }

    @Override
    NDArray transposed(NDArray u, Param p, Autograd ag) {
      return u.matMul(p.w());
    }
  }

  /** A same-padded convolution (1D or 2D), stride 1. */
  static final class Conv extends Weighted {
    final boolean twoD;
    final int pad;
    private final NDArray zeroBias;

    Conv(String layer, NDArray weight, NDArray bias, boolean twoD) {
      super(Propagation.Kind.CONV, layer, weight, bias);
      this.twoD = twoD;
      this.pad = Math.toIntExact(weight.getShape().get(2)) / 2;
      this.zeroBias = bias.zerosLike();
    }

    @Override
    NDArray apply(NDArray x, Param p, boolean withBias) {
      NDArray b = withBias ? p.b() : zeroBias;
      return twoD
          ? Conv2d.conv2d(x, p.w(), b, new Shape(1, 1), new Shape(pad, pad), new Shape(1, 1), 1).singletonOrThrow()
          : Conv1d.conv1d(x, p.w(), b, new Shape(1), new Shape(pad), new Shape(1), 1).singletonOrThrow();
    }

    /** The transpose by autograd (DJL 0.32's PyTorch engine does not implement its transposed convolution). */
    @Override
    NDArray transposed(NDArray u, Param p, Autograd ag) {
      return ag.transpose(in -> apply(in, p, false), inputShape(u.getShape().get(0)), u);
    }
  }

  /** The input standardisation {@code x * a + c}, per feature. */
  static final class Affine extends Weighted {
    Affine(String layer, NDArray scale, NDArray shift) {
      super(Propagation.Kind.STANDARDIZE, layer, scale, shift);
    }

    @Override
    NDArray apply(NDArray x, Param p, boolean withBias) {
      NDArray y = x.mul(p.w());
      return withBias ? y.add(p.b()) : y;
    }

    @Override
    NDArray transposed(NDArray u, Param p, Autograd ag) {
      return u.mul(p.w());
    }
  }

  // ================================================================== positive linear stages

  /** Global average pooling over the positions of {@code [rows, channels, length]}. */
  static final class AvgPool extends StageOp {
    AvgPool(String layer) {
      super(Propagation.Kind.AVG_POOL, layer, "");
    }

    @Override
    NDArray forward(NDArray x) {
      return x.mean(new int[] {2});
    }

    @Override
    NDArray back(NDArray m, Local local, Autograd ag) {
      int len = inShape[1];
      return m.expandDims(2).repeat(2, len).div(len);
    }

    @Override
    String acceptedRules() {
      return "epsilon";
    }

    @Override
    boolean accepts(RelevanceRule rule) {
      return rule.kind() == RelevanceRule.Kind.EPSILON;
    }

    @Override
    NDArray relevance(NDArray r, NDArray x, RelevanceRule rule, NDArray[] bounds, Autograd ag) {
      NDArray s = safeDivide(r, stabilise(forward(x), rule.a()));
      return back(s, null, ag).mul(x);
    }
  }

  /** Flattening to {@code [rows, values]}. */
  static final class Flatten extends StageOp {
    Flatten(String layer) {
      super(Propagation.Kind.FLATTEN, layer, "");
    }

    @Override
    NDArray forward(NDArray x) {
      return x.reshape(x.getShape().get(0), -1);
    }

    @Override
    NDArray back(NDArray m, Local local, Autograd ag) {
      return m.reshape(inputShape(m.getShape().get(0)));
    }
  }

  /** Dropout at inference. */
  static final class Identity extends StageOp {
    Identity(String layer) {
      super(Propagation.Kind.IDENTITY, layer, "");
    }

    @Override
    NDArray forward(NDArray x) {
      return x;
    }

    @Override
    NDArray back(NDArray m, Local local, Autograd ag) {
      return m;
    }
  }

  // ================================================================== nonlinear stages

  /** A max pool of window 2 (2 x 2 in 2D), stride as large: non-overlapping windows. */
  static final class MaxPool extends StageOp {
    final boolean twoD;

    MaxPool(String layer, boolean twoD) {
      super(Propagation.Kind.MAX_POOL, layer, "");
      this.twoD = twoD;
    }

    @Override
    boolean linear() {
      return false;
    }

    @Override
    NDArray forward(NDArray x) {
      return twoD ? Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false)
          : Pool.maxPool1d(x, new Shape(2), new Shape(2), new Shape(0), false);
    }

    /** The sum over each window. */
    NDArray sumPool(NDArray x) {
      return twoD ? Pool.avgPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false, true).mul(4)
          : Pool.avgPool1d(x, new Shape(2), new Shape(2), new Shape(0), false, true).mul(2);
    }

    /**
     * The delta-preserving multipliers: each window's output difference {@code y - y'} split as {@code (max(y, y') -
     * y')} at the maximum of {@code x} and {@code (y - max(y, y'))} at the maximum of {@code x'}, each divided by
     * its position's input difference (never 0 where its share is not 0).
     */
    @Override
    Local local(NDArray x, NDArray r, NDArray dPos, NDArray dNeg, boolean revealCancel, Autograd ag) {
      NDArray y = forward(x);
      NDArray yr = forward(r);
      NDArray top = y.maximum(yr);
      NDArray share = ag.vjp(this::forward, x, top.sub(yr)).add(ag.vjp(this::forward, r, y.sub(top)));
      NDArray c = safeDivide(share, x.sub(r));
      return new Local(c, c, null, null);
    }

    @Override
    NDArray back(NDArray m, Local local, Autograd ag) {
      return ag.transpose(this::sumPool, inputShape(m.getShape().get(0)), m).mul(local.pos());
    }

    @Override
    NDArray push(NDArray d, Local local) {
      return sumPool(d.mul(local.pos()));
    }

    @Override
    String acceptedRules() {
      return "winner-takes-all";
    }

    @Override
    boolean accepts(RelevanceRule rule) {
      return rule.kind() == RelevanceRule.Kind.WINNER_TAKES_ALL;
    }

    @Override
    NDArray relevance(NDArray r, NDArray x, RelevanceRule rule, NDArray[] bounds, Autograd ag) {
      return ag.vjp(this::forward, x, r);
    }
  }

  /** An elementwise activation. */
  static final class Act extends StageOp {

    Act(String layer, String function) {
      super(Propagation.Kind.ACTIVATION, layer, function);
    }

    @Override
    boolean linear() {
      return false;
    }

    @Override
    NDArray forward(NDArray x) {
      return switch (function) {
        case "relu" -> Activation.relu(x);
        case "tanh" -> Activation.tanh(x);
        case "sigmoid" -> Activation.sigmoid(x);
        case "gelu" -> Activation.gelu(x);
        default -> throw new IllegalStateException("Unknown activation " + function);
      };
    }

    /** {@code f'(at)}: closed forms for ReLU, tanh and the sigmoid (no autograd pass), autograd for GELU. */
    NDArray derivative(NDArray at, Autograd ag) {
      return switch (function) {
        case "relu" -> at.gt(0).toType(at.getDataType(), false);
        case "tanh" -> {
          NDArray t = Activation.tanh(at);
          yield t.mul(t).neg().add(1);
        }
        case "sigmoid" -> {
          NDArray sg = Activation.sigmoid(at);
          yield sg.mul(sg.neg().add(1));
        }
        default -> ag.vjp(this::forward, at, at.onesLike());
      };
    }

    /**
     * {@code dy / dz} where {@code |dz|} is large enough for float arithmetic, else the derivative at {@code at}
     * (the two agree to second order there).
     */
    NDArray ratio(NDArray dy, NDArray dz, NDArray scaleRef, NDArray at, Autograd ag) {
      NDArray small = dz.abs().lte(scaleRef.abs().mul(1e-5f).add(1e-6f));
      NDArray quotient = dy.div(NDArrays.where(small, dz.onesLike(), dz));
      if (function.equals("gelu") && !small.any().getBoolean()) {
        return quotient;   // no derivative needed: skip GELU's autograd pass
      }
      return NDArrays.where(small, derivative(at, ag), quotient);
    }

    @Override
    Local local(NDArray x, NDArray r, NDArray dPos, NDArray dNeg, boolean revealCancel, Autograd ag) {
      NDArray fr = forward(r);
      if (!revealCancel) {
        NDArray dz = x.sub(r);
        NDArray m = ratio(forward(x).sub(fr), dz, x.abs().maximum(r.abs()), x.add(r).div(2), ag);
        return dPos == null ? new Local(m, m, null, null) : new Local(m, m, dPos.mul(m), dNeg.mul(m));
      }
      // reveal-cancel (Shrikumar et al. 2017, section 3.5.3): the positive and negative parts of dz each move the
      // output by the mean of their effect with and without the other part
      NDArray fp = forward(r.add(dPos));
      NDArray fn = forward(r.add(dNeg));
      NDArray fx = forward(r.add(dPos).add(dNeg));
      NDArray yPos = fp.sub(fr).add(fx.sub(fn)).div(2);
      NDArray yNeg = fn.sub(fr).add(fx.sub(fp)).div(2);
      NDArray scale = r.abs().add(dPos).sub(dNeg);
      NDArray mPos = ratio(yPos, dPos, scale, r, ag);
      NDArray mNeg = ratio(yNeg, dNeg, scale, r, ag);
      return new Local(mPos, mNeg, yPos, yNeg);
    }

    @Override
    NDArray back(NDArray m, Local local, Autograd ag) {
      return m.mul(local.pos());
    }

    @Override
    NDArray relevance(NDArray r, NDArray x, RelevanceRule rule, NDArray[] bounds, Autograd ag) {
      return r;
    }

    @Override
    NDArray[] pushParts(NDArray dPos, NDArray dNeg, Local local) {
      return new NDArray[] {local.outPos(), local.outNeg()};
    }

    @Override
    NDArray[] backParts(NDArray mPos, NDArray mNeg, Local local, Autograd ag) {
      return new NDArray[] {mPos.mul(local.pos()), mNeg.mul(local.neg())};
    }
  }

  /** Attaches {@code a} to {@code manager} (so that it is closed with it) and returns it. */
  static NDArray into(NDManager manager, NDArray a) {
    a.attach(manager);
    return a;
  }
}
