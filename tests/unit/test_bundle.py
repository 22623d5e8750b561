"""The 证据包 zip: every file inside with the hash it had when added, plus the paperwork."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from weiquan import case as case_model
from weiquan.bundle import BundleError, build_bundle, safe_name

GOLDEN = Path(__file__).parent / "golden" / "invalid-key-taobao" / "case.json"
TODAY = date(2026, 11, 24)


@pytest.fixture
def kase() -> dict:
    return case_model.normalise(json.loads(GOLDEN.read_text("utf-8")))


def attach(tmp_path: Path, name: str, data: bytes, kind: str, added_at="2026-11-11T09:30:00"):
    path = tmp_path / f"in-{len(list(tmp_path.iterdir()))}"
    path.write_bytes(data)
    return {
        "path": str(path),
        "name": name,
        "sha256": hashlib.sha256(data).hexdigest(),
        "kind": kind,
        "added_at": added_at,
    }


def test_bundle_holds_the_files_with_their_hashes_and_the_paperwork(tmp_path, kase):
    files_dir = tmp_path / "files"
    files_dir.mkdir()
    shot = b"\x89PNG fake screenshot" * 100
    video = bytes(range(256)) * 4000
    files = [
        attach(files_dir, "充值失败.png", shot, "failure_proof"),
        attach(files_dir, "订单.png", b"order", "order_record", "2026-11-10T20:20:00"),
        attach(files_dir, "录屏.mp4", video, "failure_proof", "2026-11-10T20:31:00"),
    ]
    out = tmp_path / "bundle.zip"
    result = build_bundle(kase, TODAY, files, str(out))
    assert result["files"] == 3 and result["size"] == out.stat().st_size
    assert result["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        paperwork = {"证据清单.txt", "证据清单.docx", "案件摘要.txt", "文件校验（SHA-256）.txt"}
        assert paperwork | {"案件文件.json"} <= set(names)
        evidence = [n for n in names if n.startswith("证据/")]
        # Files are grouped by evidence item in the order of the 证据清单.
        assert evidence[0].startswith("证据/01-") and "订单.png" in evidence[0]
        for name, data in (("充值失败.png", shot), ("录屏.mp4", video)):
            (arc,) = [n for n in evidence if n.endswith(name)]
            assert zf.read(arc) == data
            assert hashlib.sha256(data).hexdigest() in zf.read("文件校验（SHA-256）.txt").decode()
        assert zf.getinfo(next(n for n in evidence if n.endswith(".mp4"))).compress_type == 0
        again = case_model.normalise(json.loads(zf.read("案件文件.json")))
        assert again == kase
        assert "证据" in zf.read("证据清单.txt").decode("utf-8")


def test_a_file_changed_since_it_was_added_is_refused_by_name(tmp_path, kase):
    (tmp_path / "f").mkdir()
    item = attach(tmp_path / "f", "聊天记录.png", b"original", "chat_log")
    Path(item["path"]).write_bytes(b"changed")
    with pytest.raises(BundleError, match=r"聊天记录\.png.*校验值不一致") as err:
        build_bundle(kase, TODAY, [item], str(tmp_path / "b.zip"))
    assert err.value.field == "files[0]"


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ({"name": "a.png", "sha256": "0" * 64, "kind": "chat_log"}, "files[0].path"),
        ({"path": "/x", "name": "a.png", "sha256": "0" * 64, "kind": "selfie"}, "files[0].kind"),
        ("not a dict", "files[0]"),
    ],
)
def test_bad_file_entries_name_the_field(tmp_path, kase, raw, field):
    with pytest.raises(BundleError) as err:
        build_bundle(kase, TODAY, [raw], str(tmp_path / "b.zip"))
    assert err.value.field == field


def test_same_names_do_not_overwrite_each_other(tmp_path, kase):
    (tmp_path / "f").mkdir()
    files = [attach(tmp_path / "f", "截图.png", bytes([i]) * 10, "chat_log") for i in range(3)]
    out = tmp_path / "b.zip"
    build_bundle(kase, TODAY, files, str(out))
    with zipfile.ZipFile(out) as zf:
        shots = [n for n in zf.namelist() if "截图" in n]
    assert len(set(shots)) == 3


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("C:\\Users\\me\\截图.png", "截图.png"),
        ("../../etc/passwd", "passwd"),
        ('a:b*c?"d<e>f|.jpg', "a_b_c__d_e_f_.jpg"),
        ("...", "文件"),
        ("", "文件"),
    ],
)
def test_file_names_are_safe_everywhere(name, safe):
    assert safe_name(name) == safe


def test_api_bundle_answers_with_the_zip_path_and_names_a_bad_file(tmp_path, kase):
    from weiquan import api

    (tmp_path / "f").mkdir()
    good = attach(tmp_path / "f", "a.png", b"abc", "chat_log")
    args = {
        "case": case_model.dump(kase),
        "today": "2026-11-24",
        "files": [{k: v for k, v in good.items() if k != "path"}],
        "staged": {"inputs": [good["path"]], "output": str(tmp_path / "out.zip")},
    }
    reply = json.loads(api.dispatch("bundle", json.dumps(args)))
    assert reply["ok"] and reply["result"]["output"] == args["staged"]["output"]
    assert reply["result"]["name"].endswith(".zip")
    bad = {**args["files"][0], "sha256": "0" * 64}
    reply = json.loads(api.dispatch("bundle", json.dumps({**args, "files": [bad]})))
    assert not reply["ok"] and reply["error"]["fields"][0]["field"] == "files[0]"
    assert "a.png" in reply["error"]["message"]


def test_evidence_list_numbers_are_the_bundle_folder_numbers(tmp_path, kase):
    """“证据3” in the list is the folder 03-… in the zip, and the list names its files."""
    files_dir = tmp_path / "files"
    files_dir.mkdir()
    files = [
        attach(files_dir, "聊天.png", b"chat", "chat_log"),
        attach(files_dir, "充值失败.png", b"fail", "failure_proof"),
        attach(files_dir, "订单.png", b"order", "order_record"),
        # attached but not ticked as held: listed too, in its group (主体, last)
        attach(files_dir, "执照.png", b"licence", "merchant_registration"),
    ]
    out = tmp_path / "bundle.zip"
    build_bundle(kase, TODAY, files, str(out))
    with zipfile.ZipFile(out) as zf:
        listing = zf.read("证据清单.txt").decode("utf-8")
        folders = {n.split("/")[1] for n in zf.namelist() if n.startswith("证据/")}
    for folder in folders:
        number = folder.split("-", 1)[0]
        entry = re.search(rf"^证据{int(number)}　(.+)$((?:\r?\n　　.+)+)", listing, re.M)
        assert entry, folder
        assert f"证据/{folder}/" in entry.group(2)
    assert folders == {"01-订单记录", "04-问题证明", "05-客服聊天记录", "06-商家主体信息"}
