"""Domain signals: other apps react to these, never to ``post_save`` on articles.

Each is sent after the transaction that changed the story has committed, with
``article_id`` (not the object), so receivers can hand it straight to a task.
"""

from django.dispatch import Signal

article_published = Signal()  # kwargs: article_id
article_updated = Signal()  # kwargs: article_id
article_unpublished = Signal()  # kwargs: article_id
