"""Work on every core with forked processes (pyrage holds the GIL, so threads give nothing).

A child inherits the parent's memory, the unlocked keys included, so nothing is
asked or decrypted twice; it sends back its results, pickled, through a pipe.
An error in a child comes back as the same sendvault error, message and hint.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
from typing import Callable

from .. import platform
from ..basics import errors

MIN_PER_WORKER = 1000  # below this a fork costs more than it saves


def workers_for(n: int) -> int:
    """How many processes for ``n`` cases: ``SENDVAULT_WORKERS`` if set, else one per core (up to 4)."""
    forced = os.environ.get("SENDVAULT_WORKERS", "")
    if forced.isdigit() and int(forced) > 0:
        return int(forced)
    return min(os.cpu_count() or 1, 4, max(1, n // MIN_PER_WORKER))


def map_chunks(work: Callable[[list], list], items: list, workers: int) -> list:
    """``work`` applied to ``workers`` contiguous shares of ``items``; results concatenated in order.

    The calling process works on the first share itself.
    """
    if workers <= 1 or len(items) < 2:
        return work(items)
    size = -(-len(items) // workers)
    shares = [items[i : i + size] for i in range(0, len(items), size)]
    children = [_fork(work, share) for share in shares[1:]]
    try:
        results = work(shares[0])
    except BaseException:
        for pid, fd in children:
            os.close(fd)
            os.waitpid(pid, 0)
        raise
    return results + _collect(children)


class Started:
    """Work begun in ``workers`` forked processes, one contiguous share of ``items`` each, while
    the caller goes on with something else (the index writes what the batch before gave).
    ``collect()`` waits for it and returns the results in order (passed through ``finish``);
    ``cancel()`` stops it. With one worker the work is done in this process, by ``collect``."""

    def __init__(self, work: Callable[[list], list], items: list, workers: int,
                 finish: Callable[[list], list] | None = None):
        self.work, self.items, self.finish = work, items, finish
        self.children: list[tuple[int, int]] = []
        self.done = False
        if workers > 1 and len(items) > 1:
            size = -(-len(items) // workers)
            try:
                for i in range(0, len(items), size):
                    self.children.append(_fork(work, items[i : i + size]))
            except BaseException:
                self.cancel()
                raise

    def collect(self) -> list:
        if self.done:
            raise RuntimeError("collected twice")
        self.done = True
        children, self.children = self.children, []
        results = _collect(children) if children else self.work(self.items)
        return self.finish(results) if self.finish else results

    def cancel(self) -> None:
        """Its results are not wanted (an error, Ctrl-C): the workers are stopped at once, nothing read."""
        self.done = True
        children, self.children = self.children, []
        for pid, fd in children:
            with contextlib.suppress(ProcessLookupError):
                platform.kill_now(pid)  # readers only: nothing of theirs is half-written
            os.close(fd)
            os.waitpid(pid, 0)


def _collect(children: list[tuple[int, int]]) -> list:
    """The children's results, in order; the first error among them raised once all have ended."""
    results: list = []
    failure = None
    for pid, fd in children:
        with os.fdopen(fd, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
        if failure:
            continue
        try:
            kind, payload = pickle.loads(data)
        except Exception:
            failure = errors.SendvaultError(f"a worker process failed (status {status})")
            continue
        if kind == "ok":
            results.extend(payload)
        else:
            failure = _rebuild(*payload)
    if failure:
        raise failure
    return results


def _fork(work: Callable[[list], list], share: list) -> tuple[int, int]:
    r, w = os.pipe()
    pid = platform.fork()
    if pid == 0:  # the child
        # What it inherited stays out of its garbage collector: a collection would write to
        # every inherited object's header, copying the parent's memory page by page.
        gc.freeze()
        code = 0
        try:
            os.close(r)
            try:
                reply = ("ok", work(share))
            except errors.SendvaultError as exc:
                reply = ("error", (type(exc).__name__, exc.message, exc.hint, getattr(exc, "problems", None)))
            except BaseException as exc:  # a bug: its type only, never its message (it may hold data)
                reply = ("error", ("SendvaultError", f"a worker process failed ({type(exc).__name__})", None, None))
            with os.fdopen(w, "wb") as pipe:
                pipe.write(pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL))
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(w)
    return pid, r


def _rebuild(name: str, message: str, hint: str | None, problems: list | None) -> errors.SendvaultError:
    cls = getattr(errors, name, errors.SendvaultError)
    if not (isinstance(cls, type) and issubclass(cls, errors.SendvaultError)):
        cls = errors.SendvaultError
    exc = cls.__new__(cls)
    Exception.__init__(exc, message)
    exc.message, exc.hint = message, hint
    if problems is not None:
        exc.problems = problems
    return exc
