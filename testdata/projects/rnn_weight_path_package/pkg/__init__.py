"""Re-exports the builders."""

from .models import build_encoder

__all__ = ["build_encoder"]
