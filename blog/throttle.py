"""Admin sign-in throttling, kept in Django's cache (shared through Redis).

Failed sign-ins are counted per client address and per user name. From
``LOGIN_SLOW_AFTER`` failures on, each attempt waits a little longer before
it is answered; at ``LOGIN_LOCK_AFTER`` failures that address or name is
refused for ``LOGIN_LOCK_MINUTES``, with a message saying for how long.
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
from blog.ratelimit import address_bucket, count_hit

# Longest wait added to one attempt, in multiples of LOGIN_DELAY_SECONDS.
MAX_DELAY_STEPS = 5


def pause(seconds):
    time.sleep(seconds)


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
        if username:
            digest = hashlib.sha256(username.strip().lower().encode()).hexdigest()
            self.lock_keys.append(f"login-fail:ip-user:{address}:{digest}")
            self.slow_keys.append(f"login-fail:user:{digest}")
        self.keys = self.lock_keys + self.slow_keys

    @staticmethod
    def lock_key(key):
        return key + ":locked-until"

    def locked_seconds(self):
        """Seconds until sign-in is allowed again, 0 when it is allowed now."""
        until = cache.get_many([self.lock_key(key) for key in self.lock_keys]).values()
        return max([math.ceil(value - time.time()) for value in until] + [0])

    def failures(self):
        return max(cache.get_many(self.keys).values(), default=0)

    def delay(self):
        """Seconds to hold this attempt back, growing with recent failures."""
        extra = self.failures() - settings.LOGIN_SLOW_AFTER + 1
        if extra <= 0:
            return 0
        return min(extra, MAX_DELAY_STEPS) * settings.LOGIN_DELAY_SECONDS

    def record_failure(self):
        window = settings.LOGIN_LOCK_MINUTES * 60
        for key in self.keys:
            count = count_hit(key, window)
            if key in self.lock_keys and count >= settings.LOGIN_LOCK_AFTER:
                cache.set(self.lock_key(key), time.time() + window, window)
                cache.delete(key)

    def record_success(self):
        # The address keeps its count: one good password elsewhere must not
        # wipe out a guessing run from the same place.
        cache.delete_many(self.keys[1:])


class ThrottledAdminAuthenticationForm(AdminAuthenticationForm):
    """The admin sign-in form, slowed and then refused after repeated failures."""

    def clean(self):
        throttle = LoginThrottle(self.request, self.cleaned_data.get("username"))
        self.check_not_locked(throttle)
        delay = throttle.delay()
        if delay:
            pause(delay)
        try:
            cleaned = super().clean()
        except ValidationError:
            throttle.record_failure()
            self.check_not_locked(throttle)
            raise
        throttle.record_success()
        return cleaned

    @staticmethod
    def check_not_locked(throttle):
        wait = throttle.locked_seconds()
        if not wait:
            return
        minutes = math.ceil(wait / 60)
        raise ValidationError(
            ngettext(
                "Too many failed sign-in attempts. Sign-in is blocked for %(minutes)d "
                "more minute; please try again later.",
                "Too many failed sign-in attempts. Sign-in is blocked for %(minutes)d "
                "more minutes; please try again later.",
                minutes,
            ),
            code="throttled",
            params={"minutes": minutes},
        )
