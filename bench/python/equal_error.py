"""Reads the "<side> <design>@<model> <coalitions> <error> <ms per row> <model rows per row>" lines of the shap suite
and prints, per model, each design's time and model evaluations at the error of a reference (shap's default, else
the workbench's previous default), interpolated log-log along the design's error curve, as RATIO lines (lower is
better; the xgboost model's ratios carry no model name).

Usage: python3 bench/python/equal_error.py OUT
"""
import math
import sys

curves = {}
for line in open(sys.argv[1]):
    parts = line.split()
    if len(parts) == 6 and parts[0] in ("java", "python") and "@" in parts[1]:
        design, model = parts[1].split("@")
        curves.setdefault(model, {}).setdefault(parts[0] + " " + design, []).append(
            tuple(float(v) for v in parts[2:]))


def at_error(points, target, column):
    """Column (2 = ms, 3 = model rows) where the error curve reaches target, interpolated in log-log."""
    pts = sorted(points)
    for (b0, e0, *r0), (b1, e1, *r1) in zip(pts, pts[1:]):
        if e0 >= target >= e1 and e0 > e1:
            t = (math.log(e0) - math.log(target)) / (math.log(e0) - math.log(e1))
            y0, y1 = r0[column - 2], r1[column - 2]
            return math.exp(math.log(y0) + t * (math.log(y1) - math.log(y0)))
    if pts and pts[0][1] <= target:
        return pts[0][column]
    return None


for model, c in curves.items():
    prefix = "kernelshap" if model == "xgboost" else "kernelshap_" + model
    ref_key = "python shap" if "python shap" in c else "java shap"
    _, ref_err, ref_ms, ref_rows = max(c[ref_key])  # the largest budget: the default 2M + 2048
    print("# %s: reference %s at its default, error %.3g, %.1f ms and %d model rows per row"
          % (model, ref_key, ref_err, ref_ms, ref_rows))
    name = "vs_shap" if ref_key == "python shap" else "vs_previous_default"
    for key, label in (("java leverage", prefix), ("java cubic", prefix + "_cubic"), ("java shap", prefix + "_previous")):
        if key == ref_key or key not in c:
            continue
        ms = at_error(c[key], ref_err, 2)
        rows = at_error(c[key], ref_err, 3)
        if ms is None:
            print("# %s: %s does not reach error %.3g within its budgets" % (model, key, ref_err))
            continue
        print("# %s: %s at error %.3g: %.1f ms, %d model rows per row" % (model, key, ref_err, ms, rows))
        print("RATIO %s_time_equal_error_%s %.3f" % (label, name, ms / ref_ms))
        print("RATIO %s_evaluations_equal_error_%s %.3f" % (label, name, rows / ref_rows))
    for key, label in (("java default", prefix + "_default"), ("java cubicstop", prefix + "_cubic_stop")):
        if key in c:
            _, err, ms, rows = c[key][0]
            print("# %s: %s (stopping rule): error %.3g, %.1f ms, %d model rows per row" % (model, key, err, ms, rows))
            print("RATIO %s_time_%s %.3f" % (label, name, ms / ref_ms))
