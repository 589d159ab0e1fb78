from blog.batches import batched


def test_batches_keep_order_and_size():
    assert list(batched(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(batched([], 3)) == []
    assert list(batched(iter("ab"), 5)) == [["a", "b"]]
