"""Who looks after account security: whoever may change the security policy (administrators,
superusers). They also read the sign-in log and reset other people's authenticator apps, so
one permission — ``accounts.change_securitypolicy`` — grants the whole job."""

SECURITY_ADMINISTRATION = "accounts.change_securitypolicy"


def is_security_administrator(user) -> bool:
    return bool(user.is_active and user.has_perm(SECURITY_ADMINISTRATION))
