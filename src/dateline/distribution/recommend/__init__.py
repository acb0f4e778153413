"""Recommend news to friend: a form on every article that e-mails its link to one friend.

The public surface, in the order a submission meets it:

- ``policy`` — the limits, read from settings (each an environment variable).
- ``tokens`` — the signed form token (too fast / too old / tampered) and the stop-link token.
- ``forms`` — what a reader may type: single-line names, one address per field, a short
  note without links, a honeypot.
- ``sending`` — rate limits, the daily cap, the suppression list, the audit log, and the
  message itself, queued through :func:`dateline.distribution.mail.queue_mail`.
- ``views`` — the POST endpoint and the stop link; ``urls`` — their addresses.

Dependencies point down: views → forms / sending → tokens / policy → news, limits, lib.
"""
