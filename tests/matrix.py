"""What the permission matrices share: the cells a role may get, the parametrization of a matrix
into one test per cell, and the check of an answer against its cell.

Each matrix (``test_permissions``, ``test_workplans_pages``, ``test_projects_pages``) keeps its
own roles, world and rows; a refused action must change nothing, an allowed one must have done
what its row says.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest
from django.urls import reverse

OK = 200
DONE = 302  # the action was taken, and the browser is sent on
REFUSED = 400  # the role may take the step, the domain refuses it now; nothing changes
FORBIDDEN = 403
NOT_FOUND = 404
LOGIN = "login"  # sent to the login page; nothing changes
SHOWN = "shown"  # 200, and the thing the row is about is on the page
HIDDEN = "hidden"  # 200, and it is not


def cases(matrix: dict[str, tuple], roles: tuple[str, ...]) -> Iterator:
    """One ``(row name, role, expected)`` parameter per cell, named ``row | role``."""
    for name, cells in matrix.items():
        for role, expected in zip(roles, cells, strict=True):
            yield pytest.param(name, role, expected, id=f"{name} | {role}")


def check_answer(response, expected, *, url: str, shows: str = "", refusal: str = "") -> None:
    """``response`` is what the cell says: the status, the login redirect back to ``url``,
    ``shows`` on the page or not, ``refusal`` given as the reason."""
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('login')}?next={quote(url, safe='/')}"
    elif expected in (SHOWN, HIDDEN):
        assert response.status_code == 200
        assert (shows in response.content.decode()) == (expected == SHOWN)
    else:
        assert response.status_code == expected
    if expected == REFUSED and refusal:
        assert refusal in response.content.decode()
