"""Importing a 证据包: every file checked against the manifest; a new case, or nothing."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import date
from pathlib import Path

import pytest
from weiquan import api, bundle
from weiquan import case as case_model
from weiquan.bundle import BundleImportError, build_bundle, read_bundle

GOLDEN = Path(__file__).parent / "golden" / "invalid-key-taobao" / "case.json"
TODAY = date(2026, 11, 24)
SHOT = b"\x89PNG fake screenshot" * 100
VIDEO = bytes(range(256)) * 4000


@pytest.fixture
def kase() -> dict:
    return case_model.normalise(json.loads(GOLDEN.read_text("utf-8")))


@pytest.fixture
def exported(tmp_path, kase) -> Path:
    """A real 证据包 built by the export, with three files (two of the same name)."""
    files = []
    for i, (name, data, kind, added) in enumerate(
        [
            ("充值失败.png", SHOT, "failure_proof", "2026-11-11T09:30:00"),
            ("订单.png", b"order page", "order_record", "2026-11-10T20:20:00"),
            ("录屏.mp4", VIDEO, "failure_proof", ""),
            ("订单.png", b"second order page", "order_record", "2026-11-10T20:21:00"),
        ]
    ):
        path = tmp_path / f"in-{i}"
        path.write_bytes(data)
        files.append(
            {
                "path": str(path),
                "name": name,
                "sha256": hashlib.sha256(data).hexdigest(),
                "kind": kind,
                "added_at": added,
            }
        )
    out = tmp_path / "证据包.zip"
    build_bundle(kase, TODAY, files, str(out))
    return out


def rewrite(src: Path, dst: Path, *, drop=(), replace=None, add=None) -> Path:
    """A copy of the zip with entries dropped, replaced or added (as a tamperer would)."""
    replace, add = replace or {}, add or {}
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in drop:
                continue
            zout.writestr(info.filename, replace.get(info.filename, zin.read(info)))
        for name, data in add.items():
            zout.writestr(name, data)
    return dst


def evidence_names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as zf:
        return [n for n in zf.namelist() if n.startswith("证据/")]


def problems_of(source) -> list[dict]:
    with pytest.raises(BundleImportError) as err:
        read_bundle(source)
    assert err.value.message.startswith("证据包没有导入") or "证据包" in err.value.message
    return err.value.problems


def test_round_trip_gives_back_the_same_case_and_the_same_files(exported, kase):
    imported = read_bundle(exported)
    assert imported.case == kase
    got = sorted((f.name, f.kind, f.data, f.added_at) for f in imported.files)
    assert got == sorted(
        [
            ("充值失败.png", "failure_proof", SHOT, "2026-11-11T09:30:00"),
            ("订单.png", "order_record", b"order page", "2026-11-10T20:20:00"),
            ("订单（2）.png", "order_record", b"second order page", "2026-11-10T20:21:00"),
            ("录屏.mp4", "failure_proof", VIDEO, ""),
        ]
    )
    for item in imported.files:
        assert item.sha256 == hashlib.sha256(item.data).hexdigest()
    with zipfile.ZipFile(exported) as zf:  # the picture travels with the paperwork
        picture = zf.read("timeline.svg").decode("utf-8")
    assert picture.startswith("<svg") and "今天　2026年11月24日" in picture
    # Bytes in memory work as well as a path (the worker may hand over either).
    assert read_bundle(exported.read_bytes()).case == kase


def test_a_tampered_file_is_named_and_nothing_is_imported(exported, tmp_path):
    target = next(n for n in evidence_names(exported) if n.endswith("充值失败.png"))
    bad = rewrite(exported, tmp_path / "bad.zip", replace={target: b"edited screenshot"})
    problems = problems_of(bad)
    assert [p["file"] for p in problems] == [target]
    assert "不一致" in problems[0]["message"] and "充值失败.png" in problems[0]["message"]


def test_a_missing_file_is_named(exported, tmp_path):
    target = next(n for n in evidence_names(exported) if n.endswith("录屏.mp4"))
    problems = problems_of(rewrite(exported, tmp_path / "short.zip", drop={target}))
    assert [p["file"] for p in problems] == [target] and "缺少文件" in problems[0]["message"]


def test_an_extra_file_is_named(exported, tmp_path):
    extra = "证据/01-订单记录/后加的.png"
    problems = problems_of(rewrite(exported, tmp_path / "more.zip", add={extra: b"x"}))
    assert [p["file"] for p in problems] == [extra] and "多出了" in problems[0]["message"]


def test_every_problem_is_reported_at_once(exported, tmp_path):
    names = evidence_names(exported)
    bad = rewrite(
        exported,
        tmp_path / "many.zip",
        drop={names[0]},
        replace={names[1]: b"changed"},
        add={"别的.txt": b"?"},
    )
    assert {p["file"] for p in problems_of(bad)} == {names[0], names[1], "别的.txt"}


def test_a_broken_case_file_inside_is_reported_by_field(exported, tmp_path):
    doc = json.loads(GOLDEN.read_text("utf-8"))
    doc["case"]["order"]["amount"] = "三百元"
    data = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    problems = problems_of(rewrite(exported, tmp_path / "c.zip", replace={"案件文件.json": data}))
    assert problems[0]["file"] == "案件文件.json" and "case.order.amount" in problems[0]["message"]


def test_garbage_is_not_a_zip(tmp_path):
    path = tmp_path / "garbage.zip"
    path.write_bytes(b"PK\x03\x04 this is not really a zip" * 10)
    with pytest.raises(BundleImportError, match="不是有效的 zip 文件"):
        read_bundle(path)
    with pytest.raises(BundleImportError, match="不是有效的 zip 文件"):
        read_bundle(b"")


def test_a_zip_from_another_tool_is_not_a_bundle(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("IMG_0001.jpg", b"photo")
        zf.writestr("readme.txt", "hello")
    with pytest.raises(BundleImportError, match="不是维权助手导出的证据包") as err:
        read_bundle(buffer.getvalue())
    assert {p["file"] for p in err.value.problems} == {"案件文件.json", "文件校验（SHA-256）.txt"}


@pytest.mark.parametrize(
    "name", ["../../etc/evil.txt", "/abs/evil.txt", "证据\\..\\x.png", "C:/win.txt", "证据/./a.png"]
)
def test_path_traversal_names_are_refused(exported, tmp_path, name):
    bad = rewrite(exported, tmp_path / "trav.zip", add={name: b"x"})
    problems = problems_of(bad)
    assert problems[0]["file"] == name and "不安全" in problems[0]["message"]


def test_zip_bombs_and_oversized_entries_are_refused(exported, tmp_path, monkeypatch):
    bomb = rewrite(
        exported, tmp_path / "bomb.zip", add={"证据/01-订单记录/z.bin": bytes(5_000_000)}
    )
    problems = problems_of(bomb)
    assert "压缩炸弹" in problems[0]["message"]
    monkeypatch.setattr(bundle, "IMPORT_MAX_FILE", 500_000)
    problems = problems_of(exported)  # the 1 MB recording is over this lowered cap
    assert any("过大" in p["message"] and p["file"].endswith("录屏.mp4") for p in problems)


def test_a_case_id_from_the_old_device_is_dropped(exported, tmp_path, kase):
    doc = case_model.dump(kase)
    doc["case"]["id"] = "case-from-old-phone"
    data = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    imported = read_bundle(rewrite(exported, tmp_path / "id.zip", replace={"案件文件.json": data}))
    assert "id" not in imported.case and imported.case == kase


def staged(zip_path: Path, out: Path) -> str:
    """The request the worker builds: the zip as the one staged input, one output path."""
    return json.dumps({"staged": {"inputs": [str(zip_path)], "output": str(out)}})


def test_api_import_writes_all_files_or_none(exported, tmp_path, kase):
    out = tmp_path / "restored.bin"
    answer = json.loads(api.dispatch("import_bundle", staged(exported, out)))
    assert answer["ok"], answer
    result = answer["result"]
    assert result["new_case"] is True and case_model.normalise(result["case"]) == kase
    assert result["suggested_title"].startswith("导入：")
    assert result["output"] == str(out)
    assert len(result["files"]) == 4
    blob = out.read_bytes()
    assert sum(item["size"] for item in result["files"]) == len(blob)
    for item in result["files"]:
        data = blob[item["offset"] : item["offset"] + item["size"]]
        assert hashlib.sha256(data).hexdigest() == item["sha256"]

    target = evidence_names(exported)[0]
    bad = rewrite(exported, tmp_path / "bad.zip", replace={target: b"changed"})
    nothing = tmp_path / "nothing.bin"
    failed = json.loads(api.dispatch("import_bundle", staged(bad, nothing)))
    assert not failed["ok"] and failed["error"]["code"] == "bad-bundle"
    assert failed["error"]["fields"][0]["field"] == target
    assert not nothing.exists()


def test_api_import_without_the_staged_zip_says_so():
    answer = json.loads(api.dispatch("import_bundle", "{}"))
    assert answer["error"]["code"] == "bad-args" and "压缩包" in answer["error"]["message"]
