from importers.disqus_export import read_export
from importers.tests.factories import EXPORT


def test_threads_and_comments_are_read_with_their_flags():
    threads, comments = read_export(EXPORT.read_bytes())
    assert threads["201"].link == "https://blog.example.com/blog/2013/09/06/Hello.World:Again-"
    assert threads["200"].title == "Hello World & Again"
    by_id = {comment.id: comment for comment in comments}
    assert by_id["302"].parent_id == "301" and by_id["302"].thread_id == "201"
    assert by_id["305"].is_deleted and by_id["307"].is_spam
    assert not by_id["301"].is_deleted and not by_id["301"].is_spam
    assert by_id["301"].name == "Alice" and by_id["301"].email == "alice@example.com"
    assert by_id["301"].source_id == "disqus:301"


def test_a_comment_without_id_gets_a_stable_one():
    first = [c for c in read_export(EXPORT.read_bytes())[1] if c.id.startswith("h:")]
    second = [c for c in read_export(EXPORT.read_bytes())[1] if c.id.startswith("h:")]
    assert len(first) == 1 and first[0].id == second[0].id


def test_exports_without_namespaces_or_authors_are_read():
    threads, comments = read_export(
        b"<disqus><thread><link>/x/</link></thread>"
        b"<post><message>hi</message><createdAt>bad</createdAt></post></disqus>"
    )
    assert threads[""].link == "/x/"
    assert comments[0].name == "" and comments[0].created_at is None
