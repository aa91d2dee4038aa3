"""A Ctrl-C (task cancellation) during a reply read is never lost, even when data arrives at once."""

from __future__ import annotations

import asyncio

from netscan.probes.base import read_reply


def test_cancel_in_the_same_loop_pass_as_data_still_cancels_the_read() -> None:
    async def main() -> tuple[bool, bytes | None]:
        reader = asyncio.StreamReader()
        task = asyncio.ensure_future(read_reply(reader, None, timeout=30.0))
        await asyncio.sleep(0.05)  # the read is waiting for its first byte
        reader.feed_data(b"HTTP/1.1 200 OK\r\n")  # the read completes in the next pass...
        task.cancel()  # ...and the cancellation arrives in the same one
        for _ in range(20):  # a slow reply keeps dribbling in, as a tarpit's does
            if task.done():
                break
            await asyncio.sleep(0.1)
            reader.feed_data(b"x" * 40)
        done = await asyncio.wait_for(asyncio.gather(task, return_exceptions=True), 5.0)
        result = done[0]
        return task.cancelled(), None if isinstance(result, BaseException) else result[0]

    cancelled, data = asyncio.run(main())
    assert cancelled, f"the cancellation was lost; the read went on and returned {data!r}"


def test_a_read_that_is_not_cancelled_returns_what_arrived() -> None:
    async def main() -> tuple[bytes, str | None, bool]:
        reader = asyncio.StreamReader()
        task = asyncio.ensure_future(read_reply(reader, None, timeout=5.0))
        await asyncio.sleep(0.05)
        reader.feed_data(b"SSH-2.0-dropbear\r\n")
        reader.feed_eof()
        return await task

    data, error, truncated = asyncio.run(main())
    assert (data, error, truncated) == (b"SSH-2.0-dropbear\r\n", None, False)
