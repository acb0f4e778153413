"""Newsletters: double opt-in subscriptions, the daily digest and breaking alerts.

Where things are::

    models.py       Subscriber, NewsletterIssue, Delivery (one row per issue and subscriber)
    tokens.py       the subscribe box's page token; confirm, preference and unsubscribe links
    subscribing.py  subscribe → confirm → change preferences → unsubscribe; the purge
    composing.py    digest and alert issues, rendered from subject/txt/html triplets
    sending.py      the sending engine: claim rows, send over one SMTP connection, mark
    wire.py         the issue's message encoded once; per subscriber only address and links
    alerting.py     the breaking alert an editor asks for: checks, once per story
    previewing.py   an issue as a subscriber sees it, and a test send to oneself
    views.py        the reader-facing endpoints (csrf_exempt, same-origin, signed tokens)
    tasks.py        background work; every task takes ids and is safe to run twice

Dependencies point to ``distribution.mail`` (confirmation mail), ``limits``, ``news`` and
``analytics`` — never the other way. See docs/newsletters.md.
"""
