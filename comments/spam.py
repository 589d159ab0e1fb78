"""Anti-spam rules that need no outside service.

Each rule either rejects a submission with a message for the reader, or (for
links) holds it for moderation. Limits are module constants so tests and
operators can read them in one place.
"""

import contextlib
import hashlib
import re
import secrets
import time

from django.core import signing
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from blog.outages import CacheUnavailable, cached
from blog.ratelimit import address_bucket, count_hit

MIN_SECONDS = 3  # faster than a person can read and type
MAX_AGE_SECONDS = 2 * 24 * 3600  # a form left open for two days is stale
BURST_LIMIT = (3, 60)  # at most 3 comments a minute from one address
HOURLY_LIMIT = (10, 3600)  # and 10 an hour
MAX_LINKS = 2  # more links than this and a person reviews the comment first
MAX_BODY_LENGTH = 5000
MAX_NESTING = 20  # brackets or list levels; no one writes deeper than this
DUPLICATE_WAIT_SECONDS = 3  # how long a repeated form waits for the first one's comment

_SALT = "comments.form-timestamp"


class Rejected(Exception):
    """The submission is refused; ``args[0]`` is the message for the reader."""


class TooFast(Rejected):
    """Submitted faster than a person types."""


class RateLimited(Rejected):
    """Too many submissions from one address."""


def now():
    """Seconds since the epoch; a function so tests can move the clock."""
    return time.time()


def issue_token(post_id):
    """A signed token tying one comment form to one post and the time it was shown.

    A random part makes every form shown unique: two readers opening the same
    post in the same second must not share a one-use token.
    """
    return signing.Signer(salt=_SALT).sign(f"{post_id}:{int(now())}:{secrets.token_urlsafe(9)}")


def refresh_token(token, post_id):
    """The token to put back in a re-displayed form.

    A genuine, unexpired token is kept, so the time the reader already spent
    counts; anything else is replaced by a new one.
    """
    try:
        check_token(token, post_id)
    except TooFast:
        return token
    except Rejected:
        return issue_token(post_id)
    return token


def check_token(token, post_id):
    """Reject tokens that are forged, for another post, too fresh or too old."""
    try:
        value = signing.Signer(salt=_SALT).unsign(token or "")
        token_post, issued, _nonce = value.split(":")
        age = now() - int(issued)
    except (signing.BadSignature, ValueError) as exc:
        raise Rejected(_("The form could not be verified. Please submit it again.")) from exc
    if token_post != str(post_id):
        raise Rejected(_("The form could not be verified. Please submit it again."))
    if age < MIN_SECONDS:
        raise TooFast(_("That was quick! Please take a moment, then submit again."))
    if age > MAX_AGE_SECONDS:
        raise Rejected(_("This form has expired. Please submit your comment again."))


def check_rate(ip_address):
    """Count a submission from ``ip_address``; reject it past the burst or hourly limit.

    Returns False when the cache is away and nothing could be counted.
    """
    for name, (limit, window) in (("burst", BURST_LIMIT), ("hour", HOURLY_LIMIT)):
        try:
            count = count_hit(f"comments:{name}:{address_bucket(ip_address)}", window)
        except CacheUnavailable:
            return False
        if count > limit:
            raise RateLimited(
                _("You have posted several comments in a short time. Please wait and try again.")
            )
    return True


class AlreadySent(Rejected):
    """The same form was sent before (a double click, a reload of the POST)."""


def _token_key(token):
    return f"comments:token:{hashlib.sha256(token.encode()).hexdigest()}"


def check_unused(token):
    """Reject a token a comment was already posted with (a cheap look before the rate limit)."""
    try:
        used = cached(cache.get, _token_key(token)) is not None
    except CacheUnavailable:
        return  # consume_token says so, and the comment waits for a person
    if used:
        raise AlreadySent(_("This form was already sent. Please submit your comment again."))


def consume_token(token):
    """Mark ``token`` used, atomically across processes sharing the cache.

    Of two submissions of one form arriving at once, exactly one gets past
    this; the other is refused with ``AlreadySent``. Returns False when the
    cache is away and the token could not be marked.
    """
    try:
        fresh = cached(cache.add, _token_key(token), 0, timeout=MAX_AGE_SECONDS)
    except CacheUnavailable:
        return False
    if not fresh:
        raise AlreadySent(_("This form was already sent. Please submit your comment again."))
    return True


def record_comment(token, comment_id):
    """Remember which comment ``token`` produced, for a duplicate submission of it."""
    # Without the cache, a duplicate of this form is refused rather than led to the comment.
    with contextlib.suppress(CacheUnavailable):
        cached(cache.set, _token_key(token), comment_id, timeout=MAX_AGE_SECONDS)


def comment_sent_with(token):
    """The id of the comment posted with ``token``, or None.

    A duplicate may arrive while the first submission is still being saved:
    wait up to ``DUPLICATE_WAIT_SECONDS`` for it to finish.
    """
    key = _token_key(token or "")
    deadline = time.monotonic() + DUPLICATE_WAIT_SECONDS
    while True:
        try:
            comment_id = cached(cache.get, key)
        except CacheUnavailable:
            return None
        if comment_id or time.monotonic() >= deadline:
            return comment_id or None
        time.sleep(0.05)


# One list or quote marker and the blank after it. Matched one marker at a
# time from a fixed position, so a line costs time in proportion to its length
# (a repeated group around "[ \t]*" and "[ \t]+" backtracks exponentially).
_BLOCK_MARKER = re.compile(r"[ \t]*(?:[-+*>]|[0-9]+[.)])[ \t]")


def _line_depth(line):
    """How many list or quote markers open ``line``, counting up to one past the limit."""
    depth = position = 0
    while depth <= MAX_NESTING:
        marker = _BLOCK_MARKER.match(line, position)
        if marker is None:
            break
        depth += 1
        position = marker.end()
    return depth


def too_deeply_nested(text):
    """True when brackets, lists or quotes nest deeper than anyone writes.

    Deep nesting costs Markdown seconds of work, or exhausts Python's stack.
    Runs in time linear in the length of ``text``.
    """
    depth = deepest = 0
    for character in text:
        if character == "[":
            depth += 1
            deepest = max(deepest, depth)
        elif character == "]" and depth:
            depth -= 1
    if deepest > MAX_NESTING:
        return True
    return any(_line_depth(line) >= MAX_NESTING for line in text.split("\n"))


def count_links(source):
    """Links a comment carries: Markdown links and bare addresses alike."""
    return len(re.findall(r"(?:https?://|ftp://|www\.)", source, flags=re.IGNORECASE))
