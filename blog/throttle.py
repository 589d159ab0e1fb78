"""Admin sign-in throttling, kept in Django's cache (shared through Redis).

Failed sign-ins are counted per client address and per user name. From
``LOGIN_SLOW_AFTER`` failures on, the next attempt is refused (429, with the
number of seconds to wait) until a pause that grows with each failure has
passed: nothing ever sleeps in a worker. At ``LOGIN_LOCK_AFTER`` failures
that address, or that name from that address, is refused for
``LOGIN_LOCK_MINUTES``.

Only a correct password resets anything. An address the owner has signed
in from before is not slowed by failures for their name from elsewhere, so
guessing from other addresses cannot keep the owner out of their own
place. While the cache is away, sign-in is not throttled at all (passwords
are still checked, and stored slowly hashed).
"""

import hashlib
import math
import time

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import ngettext

from blog.http import client_ip
from blog.outages import CacheUnavailable, cached
from blog.ratelimit import address_bucket, count_hit

# Longest pause between attempts, in multiples of LOGIN_DELAY_SECONDS.
MAX_DELAY_STEPS = 5
# How long an address stays the owner's own after a successful sign-in.
KNOWN_ADDRESS_SECONDS = 90 * 24 * 3600


def now():
    """Seconds since the epoch; a function so tests can move the clock."""
    return time.time()


class LoginThrottle:
    """Failure counts for one sign-in attempt's address, name, and the two together.

    The address and the (address, name) pair can be locked. The name alone is
    only ever slowed: locking it would let anyone, from many addresses, keep
    the real owner out.
    """

    def __init__(self, request, username):
        address = address_bucket(client_ip(request))
        self.lock_keys = [f"login-fail:ip:{address}"]
        self.slow_keys = []
        self.known_key = None
        if username:
            digest = hashlib.sha256(username.strip().lower().encode()).hexdigest()
            self.lock_keys.append(f"login-fail:ip-user:{address}:{digest}")
            self.slow_keys.append(f"login-fail:user:{digest}")
            self.known_key = f"login-ok:{address}:{digest}"
        self.keys = self.lock_keys + self.slow_keys

    @staticmethod
    def lock_key(key):
        return key + ":locked-until"

    @staticmethod
    def last_key(key):
        return key + ":last"

    def wait_seconds(self):
        """``(seconds, locked)``: how long until an attempt is taken, and whether
        that is a lock rather than a pause. ``(0, False)`` when it is taken now."""
        try:
            return self._wait_seconds()
        except CacheUnavailable:
            return 0, False

    def _wait_seconds(self):
        keys = list(self.keys)
        if self.known_key and cached(cache.get, self.known_key):
            keys = list(self.lock_keys)
        lock_keys = [self.lock_key(key) for key in self.lock_keys]
        values = cached(cache.get_many, lock_keys + keys + [self.last_key(key) for key in keys])
        moment = now()
        locked = max([math.ceil(values[key] - moment) for key in lock_keys if key in values] + [0])
        if locked > 0:
            return locked, True
        pauses = [0]
        for key in keys:
            extra = values.get(key, 0) - settings.LOGIN_SLOW_AFTER + 1
            if extra > 0 and self.last_key(key) in values:
                pause = min(extra, MAX_DELAY_STEPS) * settings.LOGIN_DELAY_SECONDS
                pauses.append(math.ceil(values[self.last_key(key)] + pause - moment))
        return max(pauses), False

    def record_failure(self):
        window = settings.LOGIN_LOCK_MINUTES * 60
        try:
            for key in self.keys:
                count = count_hit(key, window)
                cached(cache.set, self.last_key(key), now(), window)
                if key in self.lock_keys and count >= settings.LOGIN_LOCK_AFTER:
                    cached(cache.set, self.lock_key(key), now() + window, window)
                    cached(cache.delete, key)
        except CacheUnavailable:
            return

    def record_success(self):
        """After a correct password: forget the name's failures, remember the address.

        The address keeps its own count: one good password elsewhere must not
        wipe out a guessing run from the same place.
        """
        try:
            cached(cache.delete_many, self.keys[1:])
            if self.known_key:
                cached(cache.set, self.known_key, 1, KNOWN_ADDRESS_SECONDS)
        except CacheUnavailable:
            return


def throttled_error(seconds, locked):
    if locked:
        minutes = math.ceil(seconds / 60)
        message = ngettext(
            "Too many failed sign-in attempts. Sign-in is blocked for %(minutes)d "
            "more minute; please try again later.",
            "Too many failed sign-in attempts. Sign-in is blocked for %(minutes)d "
            "more minutes; please try again later.",
            minutes,
        )
        return ValidationError(message, code="throttled", params={"minutes": minutes})
    message = ngettext(
        "Too many failed sign-in attempts. Please wait %(seconds)d second before trying again.",
        "Too many failed sign-in attempts. Please wait %(seconds)d seconds before trying again.",
        seconds,
    )
    return ValidationError(message, code="throttled", params={"seconds": seconds})


class ThrottledAdminAuthenticationForm(AdminAuthenticationForm):
    """The admin sign-in form, refused for a while after repeated failures.

    ``throttled`` is true when the form was refused without checking the
    password; the admin site answers that with 429.
    """

    throttled = False

    def clean(self):
        throttle = LoginThrottle(self.request, self.cleaned_data.get("username"))
        self.refuse_if_throttled(throttle)
        try:
            cleaned = super().clean()
        except ValidationError:
            throttle.record_failure()
            self.refuse_if_throttled(throttle, locks_only=True)
            raise
        # Django skips authentication when the password is empty: only a user
        # actually authenticated counts as a success.
        if self.user_cache is not None:
            throttle.record_success()
        return cleaned

    def refuse_if_throttled(self, throttle, locks_only=False):
        seconds, locked = throttle.wait_seconds()
        if seconds > 0 and (locked or not locks_only):
            self.throttled = True
            raise throttled_error(seconds, locked)
