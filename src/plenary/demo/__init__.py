"""The demo record: two real forums loaded from public facts, and demo accounts.

``plenary demo`` loads it through the domain functions only, so the same validation and audit log
apply as for any other write. Every row is named by a fixed natural key and no value is computed
from the clock, so a second run finds everything in place and writes nothing.

Real editions hold only what the sources say: no invented names, times or document texts.
"""

from __future__ import annotations

from plenary.demo.japan import japan_load
from plenary.demo.kcaf import kcaf_load
from plenary.demo.practice import practice_forum_load
from plenary.demo.practice_followup import practice_follow_up_load
from plenary.demo.registration_demo import registration_demo_load
from plenary.demo.translations import translations_load
from plenary.forums.models import Forum
from plenary.search import indexing


def demo_load(*, by=None) -> list[Forum]:
    """Load (or bring up to date) the demo forums; return them, the reference forum first. The
    search index is written once per record at the end, not at each of its saves."""
    with indexing.deferred():
        forums = [kcaf_load(by=by), japan_load(by=by), practice_forum_load(by=by)]
        practice_follow_up_load(forum=forums[2], by=by)
        registration_demo_load(by=by)
        translations_load(by=by)
    return forums
