"""Imports shap from the source tree named by SHAP_SOURCE (a checkout of shap 0.42; see bench/README.md).

shap's optional helpers slicer and cloudpickle are replaced by empty modules when missing: the explainers' shap_values
and shap_interaction_values, which the benches call, do not use them.
"""
import os
import sys
import types


def load_shap(need_cext=False):
    """The shap module, or raises ImportError saying what is missing."""
    src = os.environ.get("SHAP_SOURCE", "")
    if not src or not os.path.isdir(os.path.join(src, "shap")):
        raise ImportError("SHAP_SOURCE does not name a shap source tree (it is %r)" % src)
    sys.path.insert(0, src)
    for name in ("slicer", "cloudpickle"):
        try:
            __import__(name)
        except ImportError:
            stub = types.ModuleType(name)
            stub.Alias = stub.Obj = stub.Slicer = object
            sys.modules[name] = stub
    import shap
    if need_cext:
        from shap import _cext  # noqa: F401  (TreeExplainer's compiled extension)
    return shap
