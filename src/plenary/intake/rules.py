"""Who may turn a report into facts of the record.

| permission | object | who |
|---|---|---|
| ``intake.review`` | a forum or a report | the forum's secretariat: uploads a report, accepts, edits or rejects each proposed fact and writes the accepted ones |

Reports in intake are working material of the secretariat, never public.
"""

from __future__ import annotations

import rules

from plenary.accounts.rules import secretariat_of_forum

rules.add_perm("intake.review", secretariat_of_forum)
