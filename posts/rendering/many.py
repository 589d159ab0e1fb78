"""Rendering many posts at once, in worker processes when there are enough of them.

Rendering is pure computation (Markdown, Pygments, the HTML5 parser) and
holds the interpreter's lock, so threads would not help; forked processes
render on every core. Importers use this for thousands of posts.
"""

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

import posts.rendering.markdown as markdown

# Below this many posts per process, starting one costs more than it saves.
MIN_POSTS_PER_PROCESS = 50


def _render_all(sources):
    return [markdown.render_post(source) for source in sources]


def render_many(sources, processes=1):
    """``render_post`` of each Markdown source, in order, on up to ``processes`` processes.

    This process renders the first share and forked workers (which need no
    setup) one share each; where fork is not available, or there is too
    little to share, everything renders here.
    """
    sources = list(sources)
    processes = min(processes or 1, len(sources) // MIN_POSTS_PER_PROCESS)
    if processes < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return _render_all(sources)
    share = -(-len(sources) // processes)
    parts = [sources[start : start + share] for start in range(0, len(sources), share)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(len(parts) - 1, mp_context=context) as pool:
        others = [pool.submit(_render_all, part) for part in parts[1:]]
        rendered = _render_all(parts[0])
        for other in others:
            rendered += other.result()
    return rendered
