"""The floor: the smallest Django app that answers a page of the blog's size.

Served by the same gunicorn settings as the blog, it shows what Django and
gunicorn alone cost on this machine, so the blog's figures can be read as a
ratio of it rather than as absolute numbers that change from host to host.
"""
