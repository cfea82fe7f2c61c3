"""`mandates nginx-config`: an nginx configuration that serves the feeds at static-file speed and
passes everything else to `mandates serve` (issue 12, part 4).

The configuration is generated from the settings (`calendars_dir`, `feeds.tokens`) and serves the
same URLs as `mandates serve`: `/calendars/<feed>.<lang>.ics` from the calendars folder,
`/private/<token>/<feed>.<lang>.ics` from its `private/` folder (only under the feed's token: one
exact location per private feed and language), and proxies `/`, `/status`, `/status.json`,
`/private/<token>/status[.json]` and any other path to `mandates serve`. nginx cannot read
`feeds.json`: it serves every `<feed>.<lang>.ics` file of the folder (docs/feeds.md, "Behind
nginx"). Headers as `mandates.web` sends them (`text/calendar; charset=utf-8`, nosniff, no
referrer, no framing, the same Content-Security-Policy, `Cache-Control` public or private with
max-age 3600); ETag and Last-Modified with 304s (`if_modified_since before`, as
`feeds.published.not_modified`); the request-head and keep-alive timeouts of `mandates serve`;
no symbolic link followed below the folder (`disable_symlinks`); 403 and 404 both answered
`404 Not Found`, as `mandates serve` does; tokens kept out of the access log.

Two forms: a site file (the inside of nginx's `http { }`, for `/etc/nginx/sites-enabled/`) or,
with `--standalone`, a whole `nginx.conf` whose pid file and temporary folders are relative to
nginx's prefix (`nginx -p DIR -c FILE`), for nginx run as an ordinary user.

Values written into the configuration are checked, not escaped: a token, path, address or name
with a character nginx would read as syntax (quotes, `;`, braces, `$`, spaces) is refused with
a SettingsError (exit 2) naming it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import typer

from mandates.commands.common import LangOpt, SettingsOpt, say, speak
from mandates.errors import SettingsError

FEED_NAME = r"[a-z0-9]+(?:-[a-z0-9]+)*\.(?:en|zh)"  # as mandates.feeds.published.FEED_NAME
LANGS = ("en", "zh")
# What `mandates.web` sends on every answer (BASE_POLICY there; tests compare both servers).
POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
HEADER_TIMEOUT_SECONDS = 10  # mandates.web.HEADER_TIMEOUT_SECONDS
KEEP_ALIVE_SECONDS = 5  # mandates.web.KEEP_ALIVE_SECONDS

_TOKEN = re.compile(r"[A-Za-z0-9._~-]+")  # URL-unreserved (RFC 3986 2.3): the same raw and decoded
_PATH = re.compile(r"/[A-Za-z0-9._~+@,=/-]*")
_ADDRESS = re.compile(r"(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):[0-9]{1,5}|unix:/[A-Za-z0-9._~+@,=/-]+")
_LISTEN = re.compile(r"(?:(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):)?[0-9]{1,5}(?: [a-z_]+)*")
_SERVER_NAME = re.compile(r"[A-Za-z0-9.*_-]+")
_LOG = re.compile(r"off|[A-Za-z0-9._~+@,=/-]+")


def _checked(pattern: re.Pattern[str], value: str, what: str, hint: str) -> str:
    if not pattern.fullmatch(value):
        raise SettingsError(f"{what} {value!r} cannot be written into an nginx configuration: {hint}")
    return value


def render(calendars: Path, tokens: dict[str, str], *, upstream: str = "127.0.0.1:8000",
           listen: str = "80", server_name: str = "_", access_log: str | None = None,
           standalone: bool = False) -> str:
    """The nginx configuration text for the feeds in `calendars` (made absolute) and the private
    feed tokens `tokens` (feed name -> token; empty tokens have no location), with `mandates
    serve` at `upstream` (`host:port` or `unix:/path`).

    `listen` is nginx's listen value (`80`, `127.0.0.1:8080`, `443 ssl`), `access_log` a file
    (relative to nginx's prefix) or `off` (default: `/var/log/nginx/mandates-access.log`, or
    `access.log` in the prefix when `standalone`). Raises SettingsError for a value that nginx
    would read as syntax.
    """
    from jinja2 import Environment, PackageLoader, StrictUndefined

    root = _checked(_PATH, str(calendars.absolute()), "calendars folder",
                    "use a path of letters, digits and . _ - / only")
    private: list[tuple[str, str]] = []
    for name, token in sorted(tokens.items()):
        if not token:
            continue
        _checked(re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*"), name, "private feed name", "not a feed name")
        _checked(_TOKEN, token, f"feeds.tokens.{name}",
                 "use letters, digits and . _ ~ - only (python -c 'import secrets; "
                 "print(secrets.token_urlsafe(32))')")
        private += [(f"/private/{token}/{name}.{lang}.ics", f"{root}/private/{name}.{lang}.ics")
                    for lang in LANGS]
    log = access_log or ("access.log" if standalone else "/var/log/nginx/mandates-access.log")
    values = {
        "standalone": standalone,
        "root": root,
        "private": private,
        "upstream": _checked(_ADDRESS, upstream, "upstream", "expected host:port or unix:/path"),
        "listen": _checked(_LISTEN, listen, "listen", "expected [address:]port [parameters]"),
        "server_name": _checked(_SERVER_NAME, server_name, "server name", "expected a host name"),
        "access_log": log if log == "off" else _checked(_LOG, log, "access log", "expected a path or off")
        + " mandates",
        "feed_name": FEED_NAME,
        "policy": POLICY,
        "header_timeout": HEADER_TIMEOUT_SECONDS,
        "keep_alive": KEEP_ALIVE_SECONDS,
        "upstream_keepalive": KEEP_ALIVE_SECONDS - 1,
    }
    env = Environment(loader=PackageLoader("mandates.commands", "templates"), autoescape=False,
                      undefined=StrictUndefined, keep_trailing_newline=True,
                      trim_blocks=True, lstrip_blocks=True)
    body = env.get_template("nginx-site.conf.j2").render(values).strip("\n") + "\n"
    return env.get_template("nginx.conf.j2").render(values, body=body).strip("\n") + "\n"


def nginx_config(
        output: Annotated[Path | None, typer.Option("-o", "--output", help="File to write "
                                                    "(default: print it).")] = None,
        calendars: Annotated[Path | None, typer.Option("--calendars", help="Folder of the feeds "
                                                       "(default: calendars_dir).")] = None,
        upstream: Annotated[str, typer.Option("--upstream", help="Where `mandates serve` listens: "
                                              "host:port or unix:/path.")] = "127.0.0.1:8000",
        listen: Annotated[str, typer.Option("--listen", help="nginx's listen value: a port, "
                                            "address:port, and parameters ('443 ssl').")] = "80",
        server_name: Annotated[str | None, typer.Option("--server-name", help="Host name (default: "
                                                        "the host of public_base_url).")] = None,
        access_log: Annotated[str | None, typer.Option("--access-log", help="Access log file or "
                                                       "'off'.")] = None,
        standalone: Annotated[bool, typer.Option("--standalone", help="A whole nginx.conf for "
                                                 "`nginx -p DIR -c FILE` as an ordinary user, "
                                                 "instead of a site file.")] = False,
        settings_path: SettingsOpt = None, lang: LangOpt = None) -> None:
    """Write an nginx configuration that serves the feeds and proxies the rest to `mandates serve`."""
    from mandates.config.settings import load_settings
    from mandates.words.commands import said

    language = speak(lang, settings_path)
    from mandates.store.files import Audience, write_file

    settings = load_settings(settings_path)
    host = re.sub(r"^https?://", "", settings.public_base_url).split("/")[0]
    name = server_name if server_name is not None else re.sub(r":[0-9]+$", "", host)
    text = render(calendars if calendars is not None else settings.calendars_dir, settings.feeds.tokens,
                  upstream=upstream, listen=listen, server_name=name, access_log=access_log,
                  standalone=standalone)
    if output is None:
        typer.echo(text, nl=False)
        return
    # the file holds the private tokens: a secretariat file (0640, secretariat_group)
    write_file(output, text, Audience.SECRETARIAT, group=settings.secretariat_group)
    say(said("nginx_written", language, file=output))


COMMANDS = ((nginx_config, "nginx-config"),)
