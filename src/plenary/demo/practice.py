"""A practice forum, invented for trying the drafting workflow: nothing in it is a real fact.

It has the six member states of the Korea–Central Asia Forum, one planned edition and a draft
Joint Statement in the middle of its negotiation: circulated for comment, one amendment
proposed, one state agreed ad referendum, one with a reservation. Every name says it is a demo.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from plenary.documents.domain import document_kind_ensure, document_record
from plenary.documents.drafting import (
    comment_add,
    position_record,
    version_circulate,
    version_start,
)
from plenary.documents.enums import PositionKind
from plenary.forums.domain import edition_record, forum_record, membership_record, state_ensure
from plenary.forums.enums import EditionStatus, Precedence
from plenary.forums.models import Forum
from plenary.meetings.domain import meeting_record
from plenary.meetings.enums import MeetingKind, MeetingStatus

FORUM_SLUG = "practice-forum"
DOCUMENT_TITLE = "Joint Statement of the Practice Forum (demo text)"

TITLES = {
    "en": "Joint Statement of the Practice Forum (demo text)",
    "ru": "Совместное заявление Учебного форума (демонстрационный текст)",
    "ko": "연습 포럼 공동성명 (시연용 문안)",
}
PARAGRAPHS = {
    "en": [
        "The participants met to try out how a joint statement is negotiated, paragraph by paragraph, in Plenary. This text is invented for the demonstration and was never adopted by any forum.",
        "The participants agree to exchange information on forest fires and to share early-warning data between their national services.",
        "The participants will hold a joint training course for young diplomats every second year, hosted in turn by each participant.",
        "The participants ask the Secretariat to report on the progress of this statement at their next meeting.",
    ],
    "ru": [
        "Участники встретились, чтобы опробовать в Plenary, как совместное заявление согласуется абзац за абзацем. Этот текст составлен для демонстрации и никогда не принимался ни одним форумом.",
        "Участники договариваются обмениваться сведениями о лесных пожарах и передавать данные раннего оповещения между своими национальными службами.",
        "Участники будут раз в два года проводить совместный учебный курс для молодых дипломатов, поочерёдно принимая его у себя.",
        "Участники поручают Секретариату доложить о ходе выполнения настоящего заявления на следующей встрече.",
    ],
    "ko": [
        "참가자들은 공동성명이 Plenary에서 문단별로 어떻게 협상되는지 시험해 보기 위해 모였다. 이 문안은 시연을 위해 만든 것으로 어떤 포럼에서도 채택된 적이 없다.",
        "참가자들은 산불에 관한 정보를 교환하고 각국 관계 기관 사이에 조기경보 자료를 공유하기로 합의한다.",
        "참가자들은 2년마다 젊은 외교관을 위한 공동 연수 과정을 각 참가국이 돌아가며 개최한다.",
        "참가자들은 사무국이 다음 회의에서 이 성명의 이행 상황을 보고하도록 요청한다.",
    ],
}


def practice_forum_load(*, by=None) -> Forum:
    """The practice forum, its members and its planned edition (no draft yet)."""
    forum = forum_record(
        slug=FORUM_SLUG,
        name="Practice Forum (demo)",
        short_name="Practice Forum",
        description=(
            "An invented forum for trying Plenary out. Its edition, meetings and draft are made "
            "up for the demonstration; nothing here happened."
        ),
        languages=["en", "ru", "ko"],
        precedence=Precedence.ENGLISH,
        is_demo=True,
        by=by,
    )
    for code in ["KR", "KZ", "KG", "TJ", "TM", "UZ"]:
        membership_record(forum=forum, state=state_ensure(code), by=by)
    edition = edition_record(
        forum=forum,
        number=1,
        status=EditionStatus.PLANNED,
        city="Seoul",
        host_state=state_ensure("KR"),
        theme="Practising the negotiation of a joint statement (demo)",
        summary="A made-up edition whose draft Joint Statement can be negotiated end to end.",
        by=by,
    )
    meeting_record(
        edition=edition,
        title="Closing session (demo)",
        kind=MeetingKind.CLOSING_CEREMONY,
        status=MeetingStatus.PLANNED,
        city="Seoul",
        by=by,
    )
    document_record(
        forum=forum,
        title=DOCUMENT_TITLE,
        kind=document_kind_ensure("Joint Statement", by=by),
        edition=edition,
        pen_holder_state=state_ensure("KR"),
        summary="A demo text under negotiation, for trying every step of the drafting workflow.",
        is_demo=True,
        by=by,
    )
    return forum


def practice_negotiation_start(*, secretariat, focal_points: dict[str, object]) -> None:
    """Bring the demo draft to the middle of its negotiation, once.

    A document that already has a version is left alone, so that running the demo again keeps
    whatever a newcomer has done with it since.
    """
    forum = Forum.objects.get(slug=FORUM_SLUG)
    document = forum.documents.get(title=DOCUMENT_TITLE)
    if document.versions.exists():
        return
    version = version_start(document, by=secretariat, titles=TITLES, paragraphs=PARAGRAPHS)
    noon = timezone.now().replace(hour=12, minute=0, second=0, microsecond=0)
    version_circulate(version, by=secretariat, comments_due=noon + dt.timedelta(days=30))
    english = version.languages.get(language="en").paragraphs
    comment_add(
        english.get(number=2),
        state=state_ensure("KZ"),
        by=focal_points["KZ"],
        text="Floods threaten the same services; the exchange should cover them too.",
        proposed_text=(
            "The participants agree to exchange information on forest fires and floods and to "
            "share early-warning data between their national services."
        ),
    )
    position_record(
        version, state=state_ensure("UZ"), kind=PositionKind.AD_REFERENDUM, by=focal_points["UZ"]
    )
    position_record(
        version,
        state=state_ensure("KG"),
        kind=PositionKind.RESERVATION,
        paragraphs="3",
        note="The capital asks whether the course can be held every year instead.",
        by=focal_points["KG"],
    )
