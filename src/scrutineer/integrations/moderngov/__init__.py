"""Modern.gov: the client of its web service (``client.py``) and the sync (``sync.py``)."""
