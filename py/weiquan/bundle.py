"""The 证据包: one zip with the evidence files, the 证据清单, a case summary, a timeline picture
and the case file.

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
from weiquan import exhibits, letters, timeline_svg
from weiquan.protocol import ApiError, staged_paths

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
EVIDENCE_DIR = "证据"
LISTING_NAME = "证据清单.txt"
LISTING_WORD = "证据清单.docx"  # the same list as a Word table, for the court's copy
SUMMARY_NAME = "案件摘要.txt"
MANIFEST_NAME = "文件校验（SHA-256）.txt"
MANIFEST_HEADER = "SHA-256\t大小（字节）\t添加时间\t文件"
CASE_NAME = "案件文件.json"
TIMELINE_NAME = "timeline.svg"  # the case as a picture, opens in any browser


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
    # One numbering for the folders and the 证据清单 (weiquan.exhibits): "证据3" in the list is
    # the folder "03-…" here. A kind with files but not ticked as held is listed too.
    numbered = exhibits.numbered(case, [a.kind for a in attached])
    folders = {kind: exhibits.folder_of(numbered, kind) for kind in {a.kind for a in attached}}
    attached.sort(key=lambda a: (folders[a.kind], a.added_at, a.name))

    used: set[str] = set()
    arcnames = [
        unique(f"{EVIDENCE_DIR}/{folders[item.kind]}/{safe_name(item.name)}", used)
        for item in attached
    ]
    in_bundle: dict[str, list[str]] = {}
    for item, arcname in zip(attached, arcnames, strict=True):
        in_bundle.setdefault(item.kind, []).append(arcname)
    listed = letters.draft(_listed(case, attached), "evidence-list", today, in_bundle)
    listing = listed.text
    summary = letters.draft(case, "lawyer-brief", today).text
    case_file = json.dumps(case_model.dump(case), ensure_ascii=False, indent=2)

    manifest = [MANIFEST_HEADER]
    with zipfile.ZipFile(out_path, "w", zipfile.ZIP_DEFLATED) as zf:
        for i, (item, arcname) in enumerate(zip(attached, arcnames, strict=True)):
            data = Path(item.path).read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            if digest != item.sha256:
                raise BundleError(
                    f"files[{i}]",
                    f"文件“{item.name}”与添加时记录的校验值不一致，可能已损坏；请重新添加原始文件后再打包。",
                )
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
            (LISTING_NAME, listing),
            (SUMMARY_NAME, summary),
            (MANIFEST_NAME, "\r\n".join(manifest) + "\r\n"),
            (CASE_NAME, case_file),
        ):
            zf.writestr(
                zipfile.ZipInfo(name, date_time=_stamp("", today)),
                text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8"),
            )
        from weiquan import docx

        zf.writestr(
            zipfile.ZipInfo(LISTING_WORD, date_time=_stamp("", today)),
            docx.write(listed.blocks, letters.LETTER_LABELS["evidence-list"], today),
        )
        zf.writestr(
            zipfile.ZipInfo(TIMELINE_NAME, date_time=_stamp("", today)),
            timeline_svg.case_timeline(case, today).svg.encode("utf-8"),
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


def _listed(case: dict, attached: list[Attached]) -> dict:
    """The case as the bundle's 证据清单 sees it: every kind with a file attached is held."""
    held = {e.get("kind") for e in case.get("evidence") or [] if e.get("have")}
    extra = [
        {"kind": kind, "have": True, "note": ""}
        for kind in dict.fromkeys(a.kind for a in attached)
        if kind not in held
    ]
    return {**case, "evidence": list(case.get("evidence") or []) + extra} if extra else case


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


# ------------------------------------------------------------------ importing a 证据包
#
# Moving a case to another device without a server: the zip built above carries the case file
# and every evidence file with its SHA-256. An import checks all of it first and only then
# hands anything back, so a damaged or altered bundle is never half imported.

IMPORT_MAX_ENTRIES = 2000
IMPORT_MAX_FILE = 256 * 1024 * 1024  # one screen recording, generously
IMPORT_MAX_TOTAL = 512 * 1024 * 1024  # what a phone's browser can hold in memory at once
IMPORT_MAX_RATIO = 200  # deflate rarely beats 10:1 on real evidence; 1000:1 is a zip bomb
_RATIO_FLOOR = 1024 * 1024  # tiny files may compress absurdly well, harmlessly
# Paperwork the export writes; regenerated on the new device, never imported as evidence.
PAPERWORK = (LISTING_NAME, LISTING_WORD, SUMMARY_NAME, MANIFEST_NAME, CASE_NAME, TIMELINE_NAME)
_FOLDER_RE = re.compile(r"^\d{2}-(.+)$")


class BundleImportError(ValueError):
    """The zip cannot be imported; `problems` lists every file at fault ({file, message})."""

    def __init__(self, message: str, problems: list[dict] | None = None):
        super().__init__(message)
        self.message = message
        self.problems = problems or []


@dataclass
class ImportedFile:
    name: str
    kind: str
    data: bytes
    sha256: str
    added_at: str
    arcname: str


@dataclass
class ImportedBundle:
    case: dict  # normalised; always a new case (the file carries no id of the old device's)
    files: list[ImportedFile]


def _unsafe_name(name: str) -> bool:
    if "\\" in name or name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return True
    parts = name.rstrip("/").split("/")
    return any(part in ("", ".", "..") for part in parts) or any(ord(ch) < 32 for ch in name)


def _open_zip(source: str | Path | bytes) -> zipfile.ZipFile:
    import io

    try:
        return zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
    except FileNotFoundError:
        raise BundleImportError(f"找不到文件 {source}") from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise BundleImportError(
            "这不是有效的 zip 文件（可能下载不完整或已损坏）：请选择维权助手导出的“证据包-….zip”"
        ) from None


def _check_entries(infos: list[zipfile.ZipInfo]) -> list[dict]:
    problems = []
    if len(infos) > IMPORT_MAX_ENTRIES:
        return [{"file": "", "message": f"压缩包里的文件太多（{len(infos)} 个），拒绝导入"}]
    total, seen = 0, set()
    for info in infos:
        name = info.filename
        if _unsafe_name(name):
            problems.append(
                {
                    "file": name,
                    "message": f"文件名“{name}”不安全（含 ../、绝对路径或控制字符），拒绝导入",
                }
            )
            continue
        if name in seen:
            problems.append({"file": name, "message": f"文件“{name}”在压缩包里出现了两次"})
        seen.add(name)
        if info.flag_bits & 0x1:
            problems.append({"file": name, "message": f"文件“{name}”加了密码，无法校验"})
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > IMPORT_MAX_FILE:
            problems.append(
                {
                    "file": name,
                    "message": f"文件“{name}”解压后过大（{info.file_size} 字节），拒绝导入",
                }
            )
        elif info.file_size > _RATIO_FLOOR and ratio > IMPORT_MAX_RATIO:
            problems.append(
                {
                    "file": name,
                    "message": f"文件“{name}”的压缩比异常（{ratio:.0f} 倍），"
                    "疑似压缩炸弹，拒绝导入",
                }
            )
    if total > IMPORT_MAX_TOTAL:
        problems.append({"file": "", "message": f"压缩包解压后共 {total} 字节，超过上限，拒绝导入"})
    return problems


def _read_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    # The size in the header may lie: never read more than it promised (or the cap).
    limit = min(info.file_size, IMPORT_MAX_FILE)
    with zf.open(info) as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise BundleImportError(f"文件“{info.filename}”实际大小与记录不符，疑似压缩炸弹，拒绝导入")
    return data


def _manifest(text: str) -> tuple[list[tuple[str, int, str, str]], list[dict]]:
    lines = [line for line in text.replace("\r\n", "\n").split("\n")]
    if not lines or lines[0].lstrip("\ufeff") != MANIFEST_HEADER:
        return [], [
            {
                "file": MANIFEST_NAME,
                "message": f"“{MANIFEST_NAME}”的表头不对，不是维权助手写的校验清单",
            }
        ]
    entries, problems = [], []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        parts = line.split("\t")
        ok = len(parts) == 4 and re.fullmatch(r"[0-9a-f]{64}", parts[0]) and parts[1].isdigit()
        if not ok:
            problems.append(
                {"file": MANIFEST_NAME, "message": f"“{MANIFEST_NAME}”第 {number} 行格式不对"}
            )
            continue
        added = "" if parts[2] == "—" else parts[2]
        entries.append((parts[0], int(parts[1]), added, parts[3]))
    return entries, problems


def _kind_of(arcname: str) -> str | None:
    parts = arcname.split("/")
    if len(parts) != 3 or parts[0] != EVIDENCE_DIR:
        return None
    match = _FOLDER_RE.match(parts[1])
    titles = {title: kind for kind, title in case_model.EVIDENCE_KINDS.items()}
    return titles.get(match.group(1)) if match else None


def _summary(problems: list[dict]) -> str:
    first = problems[0]["message"]
    if len(problems) == 1:
        return f"证据包没有导入：{first}"
    return f"证据包没有导入，共 {len(problems)} 处问题。第一处：{first}"


def read_bundle(source: str | Path | bytes) -> ImportedBundle:
    """Check every file of a 证据包 against its manifest; the case and files, or nothing.

    Raises BundleImportError listing every problem (per file, in Chinese).
    """
    with _open_zip(source) as zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
        problems = _check_entries(infos)
        if problems:
            raise BundleImportError(_summary(problems), problems)
        by_name = {i.filename: i for i in infos}
        absent = [n for n in (CASE_NAME, MANIFEST_NAME) if n not in by_name]
        if absent:
            message = (
                "这不是维权助手导出的证据包：缺少"
                + "和".join(f"“{n}”" for n in absent)
                + "。请选择维权助手“打包证据”生成的 zip。"
            )
            raise BundleImportError(message, [{"file": n, "message": message} for n in absent])
        try:
            contents = {name: _read_entry(zf, info) for name, info in by_name.items()}
        except zipfile.BadZipFile as exc:
            message = f"压缩包已损坏（{exc}），请重新导出或重新下载"
            raise BundleImportError(message, [{"file": "", "message": message}]) from None
        except (zipfile.LargeZipFile, NotImplementedError, RuntimeError, OSError) as exc:
            message = f"压缩包无法读取（{type(exc).__name__}），请重新导出"
            raise BundleImportError(message, [{"file": "", "message": message}]) from None

    try:
        manifest_text = contents[MANIFEST_NAME].decode("utf-8")
    except UnicodeDecodeError:
        manifest_text = ""
    entries, problems = _manifest(manifest_text)
    listed = set()
    files: list[ImportedFile] = []
    for digest, size, added_at, arcname in entries:
        listed.add(arcname)
        kind = _kind_of(arcname)
        if kind is None:
            problems.append({"file": arcname, "message": f"“{arcname}”不在任何证据类别的文件夹里"})
            continue
        data = contents.get(arcname)
        if data is None:
            problems.append(
                {"file": arcname, "message": f"缺少文件“{arcname}”（校验清单里有，压缩包里没有）"}
            )
            continue
        actual = hashlib.sha256(data).hexdigest()
        if actual != digest or len(data) != size:
            problems.append(
                {
                    "file": arcname,
                    "message": f"文件“{arcname}”与校验清单不一致（SHA-256 或大小不同）："
                    "可能被修改或损坏",
                }
            )
            continue
        files.append(ImportedFile(arcname.split("/")[-1], kind, data, actual, added_at, arcname))
    for name in by_name:
        if name not in listed and name not in PAPERWORK:
            problems.append({"file": name, "message": f"多出了校验清单里没有的文件“{name}”"})

    case = None
    try:
        case = case_model.load(contents[CASE_NAME])
    except case_model.CaseError as exc:
        problems += [
            {"file": CASE_NAME, "message": f"“{CASE_NAME}”有问题：{error}"} for error in exc.errors
        ]
    if problems or case is None:
        raise BundleImportError(_summary(problems), problems)
    # A case id from the old device must never overwrite a case here.
    for key in ("id", "case_id"):
        case.pop(key, None)
    return ImportedBundle(case, files)


def write_blob(bundle: ImportedBundle, out_path: str) -> list[dict]:
    """Write every checked file, one after another, into the one file `out_path` (the worker's
    single output, protocol.js `Staged`); each entry says where its bytes are (offset, size)."""
    target = Path(out_path)
    written = []
    offset = 0
    try:
        with target.open("wb") as out:
            for item in bundle.files:
                out.write(item.data)
                written.append(
                    {
                        "name": item.name,
                        "sha256": item.sha256,
                        "kind": item.kind,
                        "added_at": item.added_at,
                        "offset": offset,
                        "size": len(item.data),
                    }
                )
                offset += len(item.data)
    except OSError as exc:
        target.unlink(missing_ok=True)
        raise BundleImportError(
            f"写入证据文件失败（{exc.strerror or exc}），没有导入任何内容"
        ) from None
    return written


def api_import_bundle(args: dict) -> dict:
    """The worker's `import_bundle` call: the zip arrives as the one staged input; the checked
    evidence files leave as the staged output, back to back, for the page to store with the new
    case. Nothing is written when a check fails.
    """
    inputs, out = staged_paths(
        args, 1, "导入需要页面传入的压缩包（staged.inputs）和输出位置（staged.output）"
    )
    try:
        bundle = read_bundle(inputs[0])
        files = write_blob(bundle, out)
    except BundleImportError as exc:
        fields = [case_model.FieldError(p["file"], p["message"]) for p in exc.problems]
        raise ApiError("bad-bundle", exc.message, fields) from None
    order = bundle.case["order"]
    label = bundle.case["merchant"]["name"] or order["id"] or order["item"]
    return {
        "case": case_model.dump(bundle.case),
        "files": files,
        "new_case": True,
        "suggested_title": f"导入：{label}" if label else "导入的案件",
        "output": out,
    }
