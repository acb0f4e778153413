"""Domain signals: other apps react to these, never to ``post_save`` on articles.

Each is sent after the transaction that changed the story has committed, with
``article_id`` (not the object; a story deleted by then is simply not found), so
receivers can hand it straight to a task.
``front_page_changed`` is about an edition's home page rather than one story: its top
stories were reordered, added or removed, or its breaking banner ended early.
"""

from django.dispatch import Signal

article_published = Signal()  # kwargs: article_id
article_updated = Signal()  # kwargs: article_id, and fields (the changed ones) after an edit
article_unpublished = Signal()  # kwargs: article_id
article_scheduled = Signal()  # kwargs: article_id (it goes live later, by itself)
front_page_changed = Signal()  # kwargs: edition_id
archive_changed = Signal()  # no kwargs: many stories written at once (demo content, an import)
