"""The question vocabulary is built once per database and rebuilt when the directory or the lessons change."""

from casework.directory import import_directory, parse_directory
from models.complaints import LearningCategory
from queries.vocabulary import cached_vocabulary
from tests.factories import load_directory


def test_reused_until_the_directory_or_lessons_change(db_session):
    load_directory(db_session)
    first = cached_vocabulary(db_session)
    assert cached_vocabulary(db_session) is first

    import_directory(db_session, parse_directory("slug,name,keywords\nfostering,Fostering,supervising social worker\n"))
    db_session.flush()
    second = cached_vocabulary(db_session)
    assert second is not first
    assert "fostering" in second.teams

    db_session.add(LearningCategory(slug="tone", label="Tone of responses"))
    db_session.flush()
    third = cached_vocabulary(db_session)
    assert third is not second
    assert "tone" in third.learning
