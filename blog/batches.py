"""Working through many rows a bounded number at a time."""

from itertools import islice

# Rows per query when looking up or updating many: enough to keep the query
# count low, few enough to stay under the databases' parameter limits.
BATCH_SIZE = 500


def batched(iterable, size=BATCH_SIZE):
    """Lists of up to ``size`` items from ``iterable``, in order."""
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch
