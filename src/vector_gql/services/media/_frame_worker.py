"""A decoder process: opens videos with OpenCV and decodes their first frame, within limits.

Run by ``frame_decoder.DecoderPool`` as a script (it imports nothing of the app,
so it starts the same however the app was installed):

    python _frame_worker.py <socket fd> <address space limit in bytes>

It first caps its own address space (RLIMIT_AS) and turns core dumps off, so
that no file, however it lies in its headers, can make it take more memory
than that; then it imports OpenCV once, says it is ready, and serves requests
one at a time over a SOCK_SEQPACKET socket. A request is a JSON message with
an open file descriptor attached (SCM_RIGHTS): the worker needs no access to
the uploader's files by path. The reply says what OpenCV saw. An exception
(OpenCV's out-of-memory among them) may have left the process in any state,
so after one the worker says so (``retire``) and exits; the pool starts a
fresh one.
"""

from __future__ import annotations

import json
import os
import resource
import socket
import sys
from typing import Any


def _limit(address_space: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _probe(cv2: Any, path: str, max_pixels: int, max_side: int) -> dict[str, Any]:
    report: dict[str, Any] = {"opened": False}
    capture = cv2.VideoCapture(path, cv2.CAP_FFMPEG, [cv2.CAP_PROP_N_THREADS, 1])
    try:
        if not capture.isOpened():
            return report
        report["opened"] = True
        # the coded size; rotation is reported separately, from the orientation metadata
        capture.set(cv2.CAP_PROP_ORIENTATION_AUTO, 0)
        width = int(capture.get(cv2.CAP_PROP_FRAME_WIDTH))
        height = int(capture.get(cv2.CAP_PROP_FRAME_HEIGHT))
        report.update(
            width=width,
            height=height,
            rotation=capture.get(cv2.CAP_PROP_ORIENTATION_META),
            fourcc=int(capture.get(cv2.CAP_PROP_FOURCC)),
        )
        if width * height > max_pixels or max(width, height) > max_side:
            report["too_large"] = True  # the decoder knows better than the container
            return report
        decoded = capture.grab()
        if decoded:
            decoded, frame = capture.retrieve()
            if decoded and frame is not None and frame.size > 0:
                report["frame"] = [int(frame.shape[1]), int(frame.shape[0])]
        report["decoded"] = bool(decoded and "frame" in report)
        return report
    finally:
        capture.release()


def main() -> None:
    channel = socket.socket(fileno=int(sys.argv[1]))
    _limit(int(sys.argv[2]))
    # Native libraries may print to stdout; keep it away from anything that matters.
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    os.environ.setdefault("OPENCV_LOG_LEVEL", "ERROR")
    import cv2

    cv2.setNumThreads(1)
    channel.send(json.dumps({"ready": True}).encode())
    while True:
        message, fds, _, _ = socket.recv_fds(channel, 4096, 1)
        if not message:
            return  # the pool closed its end
        request = json.loads(message)
        retire = False
        try:
            if not fds:
                raise ValueError("no file descriptor with the request")
            reply = _probe(
                cv2, f"/proc/self/fd/{fds[0]}", request["max_pixels"], request["max_side"]
            )
        except MemoryError:
            reply, retire = {"error": "memory"}, True
        except Exception as exc:  # report it; the pool decides what it means
            reply, retire = {"error": type(exc).__name__}, True
        finally:
            for fd in fds:
                os.close(fd)
        reply["retire"] = retire
        channel.send(json.dumps(reply).encode())
        if retire:
            return


if __name__ == "__main__":
    main()
