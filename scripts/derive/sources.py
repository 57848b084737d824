"""The third-party sources, pinned: repository, commit, files, licence and attribution (stated once).

Every generated file names its source from here; `files()` refuses a vendor folder that lacks one."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Source:
    folder: str            # under ../shared/vendor/
    repository: str
    commit: str
    path: str              # the files' folder in the repository
    files: tuple[str, ...]
    licence: str
    licence_url: str
    attribution: str

    @property
    def pin(self) -> str:
        return f"{self.repository} @ {self.commit}"


PETRARCH2 = Source(
    folder="petrarch2", repository="openeventdata/petrarch2", commit="676801cd9cb2924bbbad09f86d15c9323e7097bf",
    path="petrarch2/data/dictionaries",
    files=("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt",
           "Phoenix.agents.txt", "CAMEO.2.0.txt", "LICENSE"),
    licence="MIT", licence_url="https://opensource.org/license/mit",
    attribution="Phoenix actor and agent dictionaries, Copyright (c) 2014 Open Event Data Alliance; CAMEO verb pattern "
                "dictionary CAMEO.2.0.txt, Copyright (c) 2015 Open Event Data Alliance (repository LICENSE: "
                "Copyright (c) 2014 Open Event Data); MIT License")
PLOVER = Source(
    folder="plover", repository="openeventdata/PLOVER", commit="5e0c24fba623f2d8df5ae3c7de7a94dba90d5b6f", path="",
    files=("PLOVER_MANUAL.tex", "CAMEO2PLOVER-2021.txt"),
    licence="CC BY-SA 4.0", licence_url="https://creativecommons.org/licenses/by-sa/4.0/",
    attribution="PLOVER manual (DRAFT Version 2.0) and CAMEO-to-PLOVER crosswalk, Copyright (c) 2021 Open Event Data "
                "Alliance, Creative Commons Attribution-ShareAlike 4.0 International")
# Hook for the Goldstein scale (GDELT's CAMEO.goldsteinscale.txt): a code list derived from it
# would be one more entry of TARGETS in from_vendor.py reading this source.
GDELT = Source(
    folder="gdelt", repository="mpiccirilli/UNDP-BCPR-Project", commit="08d29bb", path="",
    files=("CAMEO.goldsteinscale.txt",), licence="GDELT terms: unrestricted use with attribution to the GDELT Project",
    licence_url="https://www.gdeltproject.org/about.html#termsofuse",
    attribution="The GDELT Project; Goldstein (1992), A Conflict-Cooperation Scale for WEIS Events Data, "
                "Journal of Conflict Resolution 36(2)")


class VendorMissing(Exception):
    pass


def files(vendor: Path, source: Source) -> dict[str, Path]:
    """Each file of a source in the vendor folder, by name; a clear error when one is missing."""
    folder = vendor / source.folder
    out = {name: folder / name for name in source.files}
    missing = [str(p) for p in out.values() if not p.is_file()]
    if missing:
        raise VendorMissing(f"{source.pin}: not found: {', '.join(missing)} (pass --vendor DIR, the folder that holds "
                            f"{source.folder}/; see ../shared/vendor/README.md)")
    return out


def read(vendor: Path, source: Source, name: str) -> str:
    return files(vendor, source)[name].read_text(encoding="utf-8")
