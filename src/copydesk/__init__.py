"""copydesk: what many news articles about one event actually establish.

``copydesk.extract(text, published=None)`` returns typed mentions with offsets;
``copydesk.api`` is the importable API the CLI and the web app use.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from copydesk import extract

try:
    __version__ = version("copydesk")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = ["extract", "__version__"]
