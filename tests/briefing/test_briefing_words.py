"""What `mandates brief` says when it stops or warns is worded in Chinese under `--lang zh`
(`words.refusals`): the messages `briefing.run` raises in English, each worded whole, with
package names, commands, options and dates kept as they are typed."""

from __future__ import annotations

import re

import pytest

from mandates.briefing.run import CHROMIUM_TIMEOUT_SECONDS, browser_missing
from mandates.words.refusals import translated

# Every message `briefing.run` and `briefing.raster` raise or warn with, as they raise them.
MESSAGES = [
    str(browser_missing()),
    "no Chinese font is installed, so Chinese would print as empty boxes; install the Debian package "
    "`fonts-noto-cjk` (apt-get install fonts-noto-cjk); the chart was written as SVG instead of PNG",
    "cannot check for a Chinese font: fc-list was not found; install the Debian packages `fontconfig` "
    "and `fonts-noto-cjk` (apt-get install fontconfig fonts-noto-cjk)",
    "fc-list did not answer within 60 s",
    "fc-list failed (1): Fontconfig error: cannot load default config file",
    f"Chromium did not finish within {CHROMIUM_TIMEOUT_SECONDS} s",
    "Chromium failed (1): [0101/000000.000:ERROR:zygote_host_impl_linux.cc] No usable sandbox",
    "Chromium wrote no PDF",
    "the chart could not be drawn as PNG: SVG data parsing failed",
    "the chart has no viewBox",
    "--since 2020-05-01 must be before --as-of 2020-03-01",
]
# What stays as typed (or as a program printed it), not English prose.
KEPT = re.compile(r"`[^`]*`|apt-get install [a-z -]+|MANDATES_CHROMIUM|--[a-z-]+ \S+|fc-list|Chromium"
                  r"|PNG|SVG|PDF|viewBox|Debian|：.*$")


@pytest.mark.parametrize("message", MESSAGES)
def test_briefing_messages_are_worded_in_chinese(message: str) -> None:
    zh = translated(message, "zh")
    assert zh != message
    assert translated(message, "en") == message
    prose = KEPT.sub("", zh)
    assert not re.search(r"[A-Za-z]{3,}", prose), zh
    for kept in re.findall(r"`[^`]+`|apt-get install [a-z -]+[a-z]", message):
        assert kept in zh
