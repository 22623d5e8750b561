"""The 证据包: one zip with the evidence files, the 证据清单, a case summary and the case file.

This is what the complaint email says is attached. It is built from files on disk (natively) or
in Pyodide's in-memory file system (the worker writes the person's files there first), so the
same code serves the CLI, the tests and the browser.
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath

from weiquan import case as case_model
from weiquan import letters

# Screenshots, recordings and PDFs are compressed already; storing them keeps big files fast.
_ALREADY_COMPRESSED = {
    ".jpg",
    ".jpeg",
    ".png",
    ".gif",
    ".webp",
    ".heic",
    ".mp4",
    ".mov",
    ".m4a",
    ".mp3",
    ".aac",
    ".amr",
    ".zip",
    ".pdf",
}
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


class BundleError(ValueError):
    """A file that cannot go into the bundle, named, with what to do."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass
class Attached:
    path: str  # where the bytes are now
    name: str  # the file's own name, as the person chose it
    sha256: str  # recorded when the file was added
    kind: str  # the evidence item it belongs to
    added_at: str = ""

    @classmethod
    def from_dict(cls, raw: dict, index: int) -> Attached:
        field = f"files[{index}]"
        if not isinstance(raw, dict):
            raise BundleError(field, "文件信息格式不对")
        missing = [k for k in ("path", "name", "sha256", "kind") if not raw.get(k)]
        if missing:
            raise BundleError(f"{field}.{missing[0]}", f"文件信息缺少 {missing[0]}")
        if raw["kind"] not in case_model.EVIDENCE_KINDS:
            raise BundleError(f"{field}.kind", f"不认识的证据种类“{raw['kind']}”")
        return cls(
            str(raw["path"]),
            str(raw["name"]),
            str(raw["sha256"]).lower(),
            str(raw["kind"]),
            str(raw.get("added_at", "")),
        )


def safe_name(name: str) -> str:
    """A file name that unpacks the same on Windows, macOS and phones, keeping its extension."""
    cleaned = _UNSAFE.sub("_", PurePosixPath(name.replace("\\", "/")).name).strip(" .")
    return cleaned[:120] or "文件"


def build_bundle(case: dict, today: date, files: list[dict], out_path: str) -> dict:
    """Write the zip to `out_path`; return what the page shows and offers for download."""
    attached = [Attached.from_dict(raw, i) for i, raw in enumerate(files)]
    order = list(case_model.EVIDENCE_KINDS)
    attached.sort(key=lambda a: (order.index(a.kind), a.added_at, a.name))
    folders = {
        kind: f"{i + 1:02d}-{title}"
        for i, (kind, title) in enumerate(case_model.EVIDENCE_KINDS.items())
    }

    listing = letters.draft(case, "evidence-list", today).text
    summary = letters.draft(case, "lawyer-brief", today).text
    case_file = json.dumps(case_model.dump(case), ensure_ascii=False, indent=2)

    manifest = ["SHA-256\t大小（字节）\t添加时间\t文件"]
    used: set[str] = set()
    with zipfile.ZipFile(out_path, "w", zipfile.ZIP_DEFLATED) as zf:
        for i, item in enumerate(attached):
            data = Path(item.path).read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            if digest != item.sha256:
                raise BundleError(
                    f"files[{i}]",
                    f"文件“{item.name}”与添加时记录的校验值不一致，可能已损坏；请重新添加原始文件后再打包。",
                )
            arcname = unique(f"证据/{folders[item.kind]}/{safe_name(item.name)}", used)
            method = (
                zipfile.ZIP_STORED
                if PurePosixPath(arcname).suffix.lower() in _ALREADY_COMPRESSED
                else zipfile.ZIP_DEFLATED
            )
            zf.writestr(
                zipfile.ZipInfo(arcname, date_time=_stamp(item.added_at, today)),
                data,
                compress_type=method,
            )
            manifest.append(f"{digest}\t{len(data)}\t{item.added_at or '—'}\t{arcname}")
        for name, text in (
            ("证据清单.txt", listing),
            ("案件摘要.txt", summary),
            ("文件校验（SHA-256）.txt", "\r\n".join(manifest) + "\r\n"),
            ("案件文件.json", case_file),
        ):
            zf.writestr(
                zipfile.ZipInfo(name, date_time=_stamp("", today)),
                text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8"),
            )
    data = Path(out_path).read_bytes()
    label = safe_name(case.get("order", {}).get("id") or today.isoformat())
    return {
        "file_path": out_path,
        "name": f"证据包-{label}.zip",
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "files": len(attached),
    }


def unique(arcname: str, used: set[str]) -> str:
    stem, dot, ext = arcname.rpartition(".")
    candidate, n = arcname, 2
    while candidate in used:
        candidate = f"{stem}（{n}）.{ext}" if dot else f"{arcname}（{n}）"
        n += 1
    used.add(candidate)
    return candidate


def _stamp(added_at: str, today: date) -> tuple[int, int, int, int, int, int]:
    moment = case_model.when(added_at) if added_at else None
    if moment and moment.year >= 1980:
        return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    return (today.year, today.month, today.day, 0, 0, 0)
