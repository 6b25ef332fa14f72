"""The role by page matrix over every URL of the project (issues 15 and 16).

One small world, built once for the package (``world.py``, the ``world`` fixture in
``conftest.py``): two committees, each with a public item and an exempt item whose every text
carries a marker; an item that was public and was made exempt later; a draft briefing note;
an unapproved performance figure; a work-programme item that comes from an exempt
recommendation. Seven roles open every URL pattern with real ids, and

- each gets the status its role allows: 200, 302 to sign in, 403, or, for an object it may
  not see, the same answer as for an object that does not exist (404), never a 403 that
  would confirm it exists;
- no 200 response (page, download, feed, calendar, API) carries a marker the role may not see;
- a write (POST) by a role without the right is refused and changes nothing in the database.

Each app's pages are a list of ``Page`` entries, keyed by URL name, in ``test_<app>.py``
(the admin's are made from ``admin.site``'s registry); ``matrix.py`` says what a ``Page`` is
and how a case is checked. A URL pattern with no entry fails
``test_every_page.py::test_every_url_pattern_is_in_the_matrix``: a new page must say who may
open it. To add one, put a ``Page`` in its app's ``PAGES``: its URL name, the thing it is
opened on (``kwargs``, and ``audience`` if not everyone may know the thing exists), what each
role gets (``rule``: ``everyone``, ``staff``, ``managers``...) and, for a form, what a role
without the right posts (``post``).
"""
