"""WSGI entry point, served by granian in ``dateline serve``.

Django behind two short paths: the page cache's (:mod:`dateline.pagecache.hot_path`),
which answers fresh cached pages without entering Django, and the view beacon's
(:mod:`dateline.analytics.beacon_path`), which takes beacons for stories known to be live.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.settings")
django_application = get_wsgi_application()  # sets Django up: the imports below need it

from dateline.analytics import beacon_path  # noqa: E402
from dateline.pagecache import hot_path  # noqa: E402

application = beacon_path.wrap(hot_path.wrap(django_application))  # type: ignore[arg-type]
