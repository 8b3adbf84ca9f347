"""Near-duplicate signatures: MinHash over word shingles, cut into LSH band keys."""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from datasketch import MinHash

NUM_PERM = 128
BANDS = 16
SHINGLE = 3
_WORD = re.compile(r"\w+")


class Signer:
    """Computes band keys; the permutations are drawn once and shared by every signature."""

    def __init__(self, num_perm: int = NUM_PERM, bands: int = BANDS, seed: int = 1):
        # Imported here: datasketch's package import pulls in scipy (0.7 s) for its LSH classes.
        from datasketch import MinHash  # noqa: PLC0415

        self._minhash = MinHash
        self.num_perm = num_perm
        self.bands = bands
        self.rows = num_perm // bands
        self.seed = seed
        template = self._minhash(num_perm=num_perm, seed=seed)
        self.permutations = template.permutations
        self.scheme = template.scheme

    def minhash(self, text: str) -> MinHash:
        """The MinHash of the text's lower-cased word 3-shingles."""
        words = _WORD.findall(text.lower())
        shingles = {
            " ".join(words[i : i + SHINGLE]).encode() for i in range(max(1, len(words) - 2))
        }
        signature = self._minhash(
            num_perm=self.num_perm,
            seed=self.seed,
            permutations=self.permutations,
            scheme=self.scheme,
        )
        signature.update_batch(list(shingles))
        return signature

    def band_keys(self, text: str) -> list[str]:
        """One key per LSH band ("07:3fa9…"): two texts sharing any key are candidate copies."""
        values = np.asarray(self.minhash(text).hashvalues, dtype=np.uint64)
        return [
            f"{band:02d}:{_digest(values[band * self.rows : (band + 1) * self.rows])}"
            for band in range(self.bands)
        ]


def _digest(values: np.ndarray) -> str:
    return hashlib.blake2b(values.tobytes(), digest_size=8).hexdigest()
