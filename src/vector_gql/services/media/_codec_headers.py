"""Frame sizes from codec headers: JPEG's SOF, H.264's and HEVC's sequence parameter sets.

A container's width and height are only a claim; decoders allocate what the
codec's own headers say. These readers take those sizes from a few hundred
bytes, without decoding anything, so a probe can refuse a decompression bomb
whose container lies about its frames. Each returns None when it cannot tell;
the bounded decode (see frame_decoder) is the safety net for what they miss.
Sizes are coded sizes (before cropping), an upper bound of what is shown.
"""

from __future__ import annotations

import struct

# Start-of-frame markers: baseline, extended, progressive, lossless, hierarchical, arithmetic.
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
_STANDALONE = {0x01, *range(0xD0, 0xD8)}  # TEM, RSTn: no length follows


def jpeg_frame_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from a JPEG's start-of-frame header, or None."""
    if not data.startswith(b"\xff\xd8"):
        return None
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in _STANDALONE:
            pos += 2
            continue
        if marker in (0xD9, 0xDA):  # end of image, start of scan: no frame header before
            return None
        (length,) = struct.unpack_from(">H", data, pos + 2)
        if marker in _SOF:
            if pos + 9 > len(data):
                return None
            height, width = struct.unpack_from(">HH", data, pos + 5)
            # A height of 0 is defined later (DNL marker): unknown here.
            return (width, height) if width and height else None
        pos += 2 + length
    return None


class _Bits:
    """An RBSP bit reader (emulation-prevention bytes removed) with Exp-Golomb codes."""

    def __init__(self, nal: bytes) -> None:
        self.data = nal.replace(b"\x00\x00\x03", b"\x00\x00")
        self.pos = 0

    def bits(self, n: int) -> int:
        value = 0
        for _ in range(n):
            byte = self.pos >> 3
            if byte >= len(self.data):
                raise ValueError("parameter set cut short")
            value = (value << 1) | ((self.data[byte] >> (7 - (self.pos & 7))) & 1)
            self.pos += 1
        return value

    def skip(self, n: int) -> None:
        self.pos += n
        if self.pos > len(self.data) * 8:
            raise ValueError("parameter set cut short")

    def ue(self) -> int:
        zeros = 0
        while self.bits(1) == 0:
            zeros += 1
            if zeros > 31:
                raise ValueError("malformed Exp-Golomb code")
        return (1 << zeros) - 1 + self.bits(zeros)

    def se(self) -> int:
        value = self.ue()
        return (value + 1) // 2 if value & 1 else -(value // 2)


_HIGH_PROFILES = {100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135}


def _avc_sps_size(nal: bytes) -> tuple[int, int]:
    r = _Bits(nal[1:])  # after the one-byte NAL header
    profile = r.bits(8)
    r.skip(16)  # constraint flags, level
    r.ue()  # seq_parameter_set_id
    if profile in _HIGH_PROFILES:
        chroma_format = r.ue()
        if chroma_format == 3:
            r.skip(1)
        r.ue()  # bit depths
        r.ue()
        r.skip(1)
        if r.bits(1):  # scaling matrices
            for i in range(12 if chroma_format == 3 else 8):
                if r.bits(1):
                    last = nxt = 8
                    for _ in range(16 if i < 6 else 64):
                        if nxt:
                            nxt = (last + r.se() + 256) % 256
                        last = nxt or last
    r.ue()  # log2_max_frame_num_minus4
    poc_type = r.ue()
    if poc_type == 0:
        r.ue()
    elif poc_type == 1:
        r.skip(1)
        r.se()
        r.se()
        for _ in range(min(r.ue(), 255)):
            r.se()
    r.ue()  # max_num_ref_frames
    r.skip(1)
    width_mbs = r.ue() + 1
    height_units = r.ue() + 1
    frame_mbs_only = r.bits(1)
    return width_mbs * 16, height_units * 16 * (2 - frame_mbs_only)


def avc_frame_sizes(avcc: bytes) -> list[tuple[int, int]]:
    """Frame sizes of every SPS in an AVCDecoderConfigurationRecord (MP4 avcC, Matroska)."""
    sizes = []
    try:
        count = avcc[5] & 0x1F
        pos = 6
        for _ in range(count):
            (length,) = struct.unpack_from(">H", avcc, pos)
            nal = avcc[pos + 2 : pos + 2 + length]
            pos += 2 + length
            if nal and nal[0] & 0x1F == 7:
                sizes.append(_avc_sps_size(nal))
    except (IndexError, ValueError, struct.error):
        pass
    return sizes


def _hevc_sps_size(nal: bytes) -> tuple[int, int]:
    r = _Bits(nal[2:])  # after the two-byte NAL header
    r.skip(4)  # sps_video_parameter_set_id
    sub_layers = r.bits(3)
    r.skip(1)
    r.skip(96)  # general profile, tier and level
    present = [(r.bits(1), r.bits(1)) for _ in range(sub_layers)]
    if sub_layers:
        r.skip(2 * (8 - sub_layers))
    for profile_present, level_present in present:
        r.skip(88 * profile_present + 8 * level_present)
    r.ue()  # sps_seq_parameter_set_id
    if r.ue() == 3:  # chroma_format_idc
        r.skip(1)
    return r.ue(), r.ue()


def hevc_frame_sizes(hvcc: bytes) -> list[tuple[int, int]]:
    """Frame sizes of every SPS in an HEVCDecoderConfigurationRecord (MP4 hvcC, Matroska)."""
    sizes = []
    try:
        arrays = hvcc[22]
        pos = 23
        for _ in range(arrays):
            nal_type = hvcc[pos] & 0x3F
            (count,) = struct.unpack_from(">H", hvcc, pos + 1)
            pos += 3
            for _ in range(count):
                (length,) = struct.unpack_from(">H", hvcc, pos)
                nal = hvcc[pos + 2 : pos + 2 + length]
                pos += 2 + length
                if nal_type == 33 and nal:
                    sizes.append(_hevc_sps_size(nal))
    except (IndexError, ValueError, struct.error):
        pass
    return sizes
