"""Password hashing: Argon2id through argon2-cffi.

Parameters: 2 passes over 32 MiB with one lane (above OWASP's minimum of 2 passes over
19 MiB). On the development machine (2 cores shared with other work) one verification costs
0.07 s of CPU and took 0.06 s quiet, 0.19–0.24 s with the cores four times oversubscribed
(docs/security.md gives the commands): inside the 0.3 s a sign-in may add to start-up, with room
for an older office PC. A hash keeps its own parameters, so changing them later re-hashes each
password at its owner's next sign-in.
"""

from __future__ import annotations

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from coop_desktop.core.errors import ValidationError
from coop_desktop.domain.roles import MIN_PASSWORD_LENGTH

TIME_COST = 2
MEMORY_KIB = 32 * 1024
PARALLELISM = 1


def make_hasher() -> PasswordHasher:
    return PasswordHasher(
        time_cost=TIME_COST,
        memory_cost=MEMORY_KIB,
        parallelism=PARALLELISM,
        hash_len=32,
        salt_len=16,
        type=Type.ID,
    )


HASHER = make_hasher()


def check_rules(password: str) -> str:
    """A new password must be at least MIN_PASSWORD_LENGTH characters long."""
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise ValidationError("password_too_short", "password", minimum=MIN_PASSWORD_LENGTH)
    return password


def hash_password(password: str) -> str:
    return HASHER.hash(check_rules(password))


def matches(stored: str | None, password: str) -> bool:
    if not stored:
        return False
    try:
        return bool(HASHER.verify(stored, password))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    try:
        return bool(HASHER.check_needs_rehash(stored))
    except InvalidHashError:
        return True
