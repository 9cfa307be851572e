"""Create the WikiMOOC site with its demo content, or run its pending upgrade steps.

Run by `make start` (scripts/start.sh) as:
    .venv/bin/zconsole run instance/etc/zope.conf scripts/create_site.py
Running it again keeps every piece of content.
"""

from wikimooc.policy.site import ensure_site

import transaction


site, created = ensure_site(app)  # noqa: F821 (zconsole binds `app`)
transaction.commit()
if created:
    print(f"Created the site {site.absolute_url_path()} with its demo content.")
else:
    print(f"The site {site.absolute_url_path()} is up to date; its content was kept.")
