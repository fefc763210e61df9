"""Who may do what: the four roles of an association and the permissions each one holds.

Pure data, so the services (which enforce it), the CLI and the screens (which only ask) read
the same table. The Spanish role names are what users see and type.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    ADMIN = "administrador"  # everything, including users and settings
    TREASURER = "tesorero"  # members, schemes and everything about money; not users
    COLLECTOR = "acopiador"  # deliveries and quality tests of the open period
    OVERSIGHT = "vigilancia"  # the consejo de vigilancia: reads, prints, checks; writes nothing


class Permission(StrEnum):
    READ = "read"  # see any screen, list, statement; run the checks
    PRINT = "print"  # print or save a document (recorded in the audit trail: COPIA)
    COLLECT = "collect"  # deliveries and quality tests (the collector: open period only)
    MEMBERS = "members"  # add and edit members, their status
    ACCOUNTS = "accounts"  # advances, inputs on credit, charges, loans, adjustments, products
    SCHEMES = "schemes"  # save a price scheme version
    CLOSE = "close"  # close a period
    PAY = "pay"  # record payments
    REVERSE_PAYMENT = "reverse_payment"  # undo a recorded payment
    VOID = "void"  # void a receipt (reissued under the next number)
    REOPEN = "reopen"  # reopen a closed period
    BACKUP = "backup"  # make a backup copy
    IMPORT = "import"  # import members, deliveries or tests from a file
    REPORTS = "reports"  # settings of the assembly's indicators (the reference price)
    SETTINGS = "settings"  # the association's data, demo data, restore a backup
    USERS = "users"  # add users, set passwords, disable accounts
    DISPATCH = "dispatch"  # dispatches of milk to buyers and tank readings (open period)
    SALES = "sales"  # buyers and prices, receptions, payments received, expenses, the plant


_TREASURER = frozenset(
    {
        Permission.READ,
        Permission.PRINT,
        Permission.COLLECT,
        Permission.MEMBERS,
        Permission.ACCOUNTS,
        Permission.SCHEMES,
        Permission.CLOSE,
        Permission.PAY,
        Permission.REVERSE_PAYMENT,
        Permission.VOID,
        Permission.REOPEN,
        Permission.BACKUP,
        Permission.IMPORT,
        Permission.REPORTS,
        Permission.DISPATCH,
        Permission.SALES,
    }
)

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.TREASURER: _TREASURER,
    Role.COLLECTOR: frozenset(
        {Permission.READ, Permission.PRINT, Permission.COLLECT, Permission.DISPATCH}
    ),
    Role.OVERSIGHT: frozenset({Permission.READ, Permission.PRINT}),
}

# Permissions that change nothing but the audit trail: a role holding only these writes
# nothing (the oversight committee), and `Database.write()` refuses it before any SQL.
AUDIT_ONLY = frozenset({Permission.READ, Permission.PRINT})

# Actions that ask for the password again in the desktop (on the CLI, the password given for
# the command counts): they undo or change what others rely on.
SENSITIVE = frozenset(
    {
        Permission.REOPEN,
        Permission.VOID,
        Permission.REVERSE_PAYMENT,
        Permission.SCHEMES,
        Permission.USERS,
    }
)

MIN_PASSWORD_LENGTH = 8
LOCKOUT_AFTER = 5  # wrong passwords in a row before the account locks


def roles_with(permission: Permission) -> list[Role]:
    return [role for role, held in ROLE_PERMISSIONS.items() if permission in held]


def writes_nothing(role: Role) -> bool:
    return ROLE_PERMISSIONS[role] <= AUDIT_ONLY


def lockout_minutes(failures: int) -> int:
    """How long an account stays locked after `failures` wrong passwords in a row: none
    before the fifth, then 1, 2, 4, 8 … minutes, at most a day."""
    if failures < LOCKOUT_AFTER:
        return 0
    return int(min(2 ** (failures - LOCKOUT_AFTER), 24 * 60))


@dataclass(frozen=True, slots=True)
class Principal:
    """The signed-in user, as every service sees them."""

    user_id: int
    name: str
    full_name: str
    role: Role

    def may(self, permission: Permission) -> bool:
        return permission in ROLE_PERMISSIONS[self.role]

    @property
    def writes_nothing(self) -> bool:
        return writes_nothing(self.role)
