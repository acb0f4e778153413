"""Newsroom accounts: two-factor sign-in, lockout after failed sign-ins, session limits and the
security log.

The newsroom's screens call into this app; it imports nothing from the newsroom, the website or
the news apps.
"""
