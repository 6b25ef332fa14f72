"""The web process's garbage collection, settled once the app is loaded (``scrutineer.wsgi``).

Python's collector walks every container object the process holds on each full pass. A loaded
Django project is some 140,000 of them (modules, classes, functions, the URL map) that live as
long as the process, and one full pass over them took 80 ms on a 2-core server; a page that
builds many objects (the 400-indicator dashboard) set one off every few requests, and that
pause was most of its 95th-percentile time. Frozen once loaded (``gc.freeze``, as the Python
documentation advises for servers), they are never walked again. Everything made later,
requests' objects among them, is collected as before.
"""

from __future__ import annotations

import gc

from django.urls import get_resolver


def garbage_collection_settle() -> None:
    """Load the URL map (every view and what it imports), then leave all that is loaded out of
    the collector's passes for the life of the process."""
    get_resolver().url_patterns  # noqa: B018 - imports every view module
    gc.collect()
    gc.freeze()
