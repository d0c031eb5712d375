"""A decoder process: opens videos with OpenCV and decodes their first frame, within limits.

Run by ``frame_decoder.DecoderPool`` as a script (it imports nothing of the app,
so it starts the same however the app was installed):

    python _frame_worker.py <socket fd> <address space limit in bytes>

It first caps its own address space (RLIMIT_AS) and turns core dumps off, so
that no file, however it lies in its headers, can make it take more memory
than that; then it imports OpenCV once, says it is ready, and serves requests
one at a time over a SOCK_SEQPACKET socket. A request is a JSON message with
an open file descriptor attached (SCM_RIGHTS): the worker needs no access to
the uploader's files by path. The reply says what OpenCV saw. A request with
``poster`` settings also carries a second descriptor, an empty file: the worker
decodes one frame near ``at_seconds`` (the first frame if seeking finds none),
shrinks it to at most ``max_width`` pixels wide, and writes it there as a JPEG,
so neither the frame nor the image passes through the server's memory or the
socket. An exception
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


def _poster(
    cv2: Any, path: str, out_fd: int, max_pixels: int, max_side: int, options: dict[str, Any]
) -> dict[str, Any]:
    report: dict[str, Any] = {"opened": False}
    capture = cv2.VideoCapture(path, cv2.CAP_FFMPEG, [cv2.CAP_PROP_N_THREADS, 1])
    try:
        if not capture.isOpened():
            return report
        report["opened"] = True
        # The frame as it is shown: rotated by the orientation metadata.
        capture.set(cv2.CAP_PROP_ORIENTATION_AUTO, 1)
        width = int(capture.get(cv2.CAP_PROP_FRAME_WIDTH))
        height = int(capture.get(cv2.CAP_PROP_FRAME_HEIGHT))
        if width * height > max_pixels or max(width, height) > max_side:
            report["too_large"] = True
            return report
        frame = None
        at = float(options.get("at_seconds") or 0.0)
        if at > 0 and capture.set(cv2.CAP_PROP_POS_MSEC, at * 1000.0):
            found, frame = capture.read()
            if not found or frame is None or frame.size == 0:
                frame = None
        if frame is None:
            # Seeking found nothing (a file without an index, say): the first frame.
            capture.release()
            capture = cv2.VideoCapture(path, cv2.CAP_FFMPEG, [cv2.CAP_PROP_N_THREADS, 1])
            capture.set(cv2.CAP_PROP_ORIENTATION_AUTO, 1)
            found, frame = capture.read()
            if not found or frame is None or frame.size == 0:
                return report
        if frame.shape[0] * frame.shape[1] > max_pixels or max(frame.shape[:2]) > max_side:
            report["too_large"] = True
            return report
        report["decoded"] = True
        max_width = int(options["max_width"])
        if frame.shape[1] > max_width:
            scaled_height = max(1, round(frame.shape[0] * max_width / frame.shape[1]))
            frame = cv2.resize(frame, (max_width, scaled_height), interpolation=cv2.INTER_AREA)
        encoded, jpeg = cv2.imencode(
            ".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, int(options.get("quality", 85))]
        )
        if not encoded:
            report["decoded"] = False
            return report
        data = jpeg.tobytes()
        # From the start of the file, whatever an earlier, failed attempt left in it.
        os.ftruncate(out_fd, 0)
        offset = 0
        while offset < len(data):
            offset += os.pwrite(out_fd, data[offset:], offset)
        report["poster"] = [int(frame.shape[1]), int(frame.shape[0]), len(data)]
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
        message, fds, _, _ = socket.recv_fds(channel, 4096, 2)
        if not message:
            return  # the pool closed its end
        request = json.loads(message)
        retire = False
        try:
            if not fds:
                raise ValueError("no file descriptor with the request")
            path = f"/proc/self/fd/{fds[0]}"
            if "poster" in request:
                if len(fds) != 2:
                    raise ValueError("a poster request carries the video and the output file")
                reply = _poster(
                    cv2, path, fds[1], request["max_pixels"], request["max_side"], request["poster"]
                )
            else:
                reply = _probe(cv2, path, request["max_pixels"], request["max_side"])
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
