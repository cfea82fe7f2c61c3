"""A Chinese PDF briefing is printed only with a Chinese font installed (issue 11, part 9).

`mandates brief` runs as a subprocess. The font-less machine is real, not mocked: fontconfig (which
`fc-list` and Chromium both read) is pointed by FONTCONFIG_FILE at a configuration with no font at
all, or with the DejaVu fonts only (Latin, no Chinese). With the machine's own fonts (CI installs
`fonts-noto-cjk`), the PDF is written and embeds a CJK font.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mandates.briefing.run import find_chromium

MANDATES = str(Path(sys.executable).parent / "mandates")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
needs_chromium = pytest.mark.skipif(find_chromium() is None,
                                    reason="headless Chromium is not installed (Debian package `chromium`)")


def fontconfig(folder: Path, *font_dirs: Path) -> Path:
    """A fontconfig configuration that knows only the fonts in `font_dirs` (none: no font)."""
    dirs = "".join(f"<dir>{d}</dir>" for d in font_dirs)
    path = folder / "fonts.conf"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
                    f"<fontconfig>{dirs}<cachedir>{folder / 'fc-cache'}</cachedir></fontconfig>\n")
    return path


def brief(tmp_path: Path, *args: str, fonts: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`mandates brief --as-of 2020-01-06 --no-snapshot ARGS` on a fresh database in tmp_path."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MANDATES_", "FONTCONFIG_"))}
    env.update(MANDATES_DATABASE_URL=f"sqlite:///{tmp_path / 'state.db'}",
               MANDATES_CACHE_DIR=os.environ.get("MANDATES_CACHE_DIR", str(tmp_path / "plans")))
    if fonts is not None:
        env["FONTCONFIG_FILE"] = str(fonts)
    return subprocess.run([MANDATES, "brief", "--as-of", "2020-01-06", "--no-snapshot", *args], env=env,
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("font_dirs", [(), (DEJAVU,)], ids=["no-font", "latin-only"])
def test_a_chinese_pdf_without_a_chinese_font_is_refused(tmp_path: Path, font_dirs: tuple[Path, ...]) -> None:
    if font_dirs and not DEJAVU.is_dir():
        pytest.skip("the DejaVu fonts are not installed (Debian package fonts-dejavu-core)")
    fonts = fontconfig(tmp_path, *font_dirs)
    result = brief(tmp_path, "--lang", "zh", "--format", "pdf", "-o", "out/b.pdf", fonts=fonts)
    said = " ".join((result.stdout + result.stderr).split())
    assert result.returncode == 2, said
    # worded in Chinese, as the command (--lang zh), naming the package as it is typed
    assert "未安装中文字体" in said and "Debian package" not in said
    assert "Debian软件包`fonts-noto-cjk`" in said and "apt-get install fonts-noto-cjk" in said
    assert "Traceback" not in said and len((result.stdout + result.stderr).splitlines()) <= 3
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    if font_dirs:
        return
    # a Chinese HTML briefing is drawn by the reader's browser and fonts: not refused
    html = brief(tmp_path, "--lang", "zh", "--format", "html", "-o", "out/b.html", fonts=fonts)
    assert html.returncode == 0, html.stderr
    # a Chinese markdown briefing gets its chart as SVG (drawn by the reader's fonts), with a warning
    md = brief(tmp_path, "--lang", "zh", "-o", "out/b.md", fonts=fonts)
    assert md.returncode == 0, md.stderr
    warned = " ".join((md.stdout + md.stderr).split())
    assert "fonts-noto-cjk" in warned and "图表已改为以SVG而非PNG写出" in warned
    assert (tmp_path / "out" / "b.svg").read_text(encoding="utf-8").startswith("<svg")
    assert not (tmp_path / "out" / "b.png").exists()


@needs_chromium
def test_a_chinese_pdf_embeds_a_chinese_font(tmp_path: Path) -> None:
    listed = subprocess.run(["fc-list", ":lang=zh-cn", "family"], capture_output=True, text=True, check=False)
    if not listed.stdout.strip():
        pytest.skip("no Chinese font is installed (Debian package fonts-noto-cjk)")
    result = brief(tmp_path, "--lang", "zh", "--format", "pdf", "-o", "out/b.pdf")
    assert result.returncode == 0, result.stderr
    pdf = (tmp_path / "out" / "b.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and b"CJK" in pdf  # /BaseFont /XXXXXX+NotoSansCJKsc-Regular
