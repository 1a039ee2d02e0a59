"""Streaming gzip/deflate decoding with a cap on the decoded size (gzip-bomb safe).

We decode ourselves instead of letting urllib3 do it so the raw bytes as
served stay available for the WARC archive, and so the cap is enforced while
decompressing: zlib is asked for at most `limit + 1` bytes at a time, so a
small compressed body that inflates to gigabytes never gets further than
the cap in memory.
"""

from __future__ import annotations

import zlib

# Content-Encoding values we can decode; advertise only these in Accept-Encoding.
SUPPORTED = ("gzip", "deflate")
ACCEPT_ENCODING = ", ".join(SUPPORTED)
_STEP = 256 * 1024  # largest piece inflated at once


class DecodedTooLarge(Exception):
    """The decoded body would exceed the limit."""


class UnsupportedEncoding(Exception):
    """Content-Encoding we cannot decode (br, zstd, compress, a chain...)."""


class BodyDecoder:
    """Feed raw chunks, get decoded bytes back; raises DecodedTooLarge past `limit` decoded bytes."""

    def __init__(self, content_encoding: str, limit: int) -> None:
        codings = [c.strip().lower() for c in content_encoding.split(",") if c.strip()]
        codings = [c for c in codings if c != "identity"]
        if len(codings) > 1 or (codings and codings[0] not in ("gzip", "x-gzip", "deflate")):
            raise UnsupportedEncoding(content_encoding)
        self.coding = codings[0] if codings else ""
        self.limit = limit
        self.size = 0
        self._zlib: zlib._Decompress | None = None  # type: ignore[name-defined]
        self._deflate_probe = self.coding == "deflate"
        if self.coding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif self.coding == "deflate":
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS)

    def feed(self, chunk: bytes) -> bytes:
        """Decode one raw chunk."""
        if self._zlib is None:
            return self._count(chunk)
        if self._deflate_probe:
            # "deflate" is meant to be zlib-wrapped, but many servers send raw
            # deflate: look at the first bytes to pick the right decoder.
            self._deflate_probe = False
            if chunk and not _looks_like_zlib_header(chunk):
                self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
        out: list[bytes] = []
        data = chunk
        while data:
            try:
                # Small steps: zlib builds each output in blocks and then copies
                # them, so one big step would briefly need twice its size.
                piece = self._zlib.decompress(data, min(self.limit - self.size + 1, _STEP))
            except zlib.error as exc:
                raise ValueError(f"corrupt {self.coding} body: {exc}") from exc
            out.append(self._count(piece))
            data = self._zlib.unconsumed_tail
            if self._zlib.eof:
                # A gzip body may hold several members back to back.
                data = self._zlib.unused_data
                if data and self.coding != "deflate":
                    self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
                else:
                    break
        return b"".join(out)

    def flush(self) -> bytes:
        """Bytes left in the decoder at the end of the body."""
        if self._zlib is None:
            return b""
        return self._count(self._zlib.flush())

    def _count(self, piece: bytes) -> bytes:
        self.size += len(piece)
        if self.size > self.limit:
            raise DecodedTooLarge(self.size)
        return piece


def _looks_like_zlib_header(data: bytes) -> bool:
    # RFC 1950: CM=8 in the low nibble of CMF, and CMF*256+FLG divisible by 31.
    if len(data) < 2:
        return True
    return data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0
