import pytest

from tests import factories


def pytest_configure(config):
    """Tests render templates without running collectstatic first, so they use the plain static
    storage rather than the manifest one that production serves."""
    from django.conf import settings

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _english_unless_asked():
    """Each test starts in English: a request in another language leaves that language active
    in the thread, which would leak into the next test's messages."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: rows cached by one test are gone in the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings, tmp_path):
    """Uploads made by a test land in a folder of its own, removed with it."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def forum(db):
    """A forum of Korea and the five Central Asian states, English alphabetical order."""
    forum = factories.ForumFactory(slug="kca", name="Korea–Central Asia Cooperation Forum")
    for code in ["KR", "KZ", "KG", "TJ", "TM", "UZ"]:
        factories.MembershipFactory(forum=forum, state=factories.state(code))
    return forum


@pytest.fixture
def staff_user(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("staff", "staff@example.org", "pw-for-tests")


@pytest.fixture
def member_user(db):
    """A signed-in user who is not staff (a focal point of a member state, say)."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user("focal", "focal@example.org", "pw-for-tests")
