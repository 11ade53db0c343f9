"""Shared TF1 probe: call each `case_*`, record its first error line or the variables it made."""

CALL_TF1_CASES = """
import tensorflow as tf
for name, case in sorted(ns.items()):
    if name.startswith("case_"):
        try:
            case()
            out[name] = {"ok": True, "variables": sorted(v.name for v in tf.compat.v1.global_variables())}
        except ValueError as error:
            out[name] = {"ok": False, "error": str(error).strip().splitlines()[0]}
"""
