#!/usr/bin/env python3
"""pact-config conformance adapter: an independent Python implementation.

Implements the Pact RFC "Configuration and Shared Files" (and the decisions
D1..D24 of conformance/DECISIONS.md) over an injected host: the OS, home,
working directory, environment, command line and an in-memory file tree all
come from the request. Standard library only (Python 3.11+).

Protocol (conformance/README.md): one JSON request per line on stdin, one JSON
answer per line on stdout, until stdin ends.
"""
import base64
import json
import ntpath
import posixpath
import re
import sys
import tomllib

NAME, VERSION = "pact-config-python", "0.1.0"


class Stop(Exception):
    """A thrown error (D19): the run stops with this code."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code, self.message = code, message


# --------------------------------------------------------------------------
# Paths: the target OS's rules, never the host's (DESIGN rule 1).
# --------------------------------------------------------------------------
class Paths:
    def __init__(self, os_name):
        self.win = os_name == "windows"
        self.mod = ntpath if self.win else posixpath
        self.sep = "\\" if self.win else "/"

    def root(self, p):
        """The root of an absolute path ('/', 'C:\\', '\\\\server\\share\\'), or '' if relative.
        On Windows '/x' (rooted, no drive) counts as relative: it takes the base's drive."""
        if not self.win:
            return "/" if p.startswith("/") else ""
        if re.match(r"^[A-Za-z]:[\\/]", p):
            return p[:2] + "\\"
        m = re.match(r"^[\\/]{2}([^\\/]+)[\\/]+([^\\/]+)", p)
        return "\\\\%s\\%s\\" % (m.group(1), m.group(2)) if m else ""

    def normalize(self, p):
        if self.win:
            p = p.replace("/", "\\")
        p = self.mod.normpath(p)
        r = self.root(p)
        while len(p) > max(len(r), 1) and p.endswith(self.sep):  # no trailing separator
            p = p[:-1]
        return p

    def resolve(self, base, rel):
        """`rel` against the absolute directory `base`, normalised."""
        if self.root(rel):
            return self.normalize(rel)
        if self.win and rel[:1] in ("/", "\\"):  # root-relative: the base's drive
            return self.normalize(self.root(base) + rel.lstrip("/\\"))
        return self.normalize(self.mod.join(base, rel))

    def dirname(self, p):
        return self.mod.dirname(p)

    def parent(self, p):
        d = self.normalize(self.mod.dirname(p))
        return None if d == p else d


# --------------------------------------------------------------------------
# The in-memory file system: files and empty dirs from the request.
# Windows paths are case-insensitive and '/' equals '\'.
# --------------------------------------------------------------------------
class MemoryFs:
    def __init__(self, paths, files, dirs):
        self.p, self.files, self.dirs = paths, {}, set()
        for path, body in (files or {}).items():
            data = base64.b64decode(body["base64"]) if isinstance(body, dict) else body.encode()
            k = self.key(self.native(path))
            self.files[k] = data
            self._parents(k)
        for d in dirs or []:
            k = self.key(self.native(d))
            self.dirs.add(k)
            self._parents(k)

    def native(self, path):
        """Accepts 'C:\\x', 'C:/x', or the files/ form 'C/x' for a Windows path; '/x' or 'x' for POSIX."""
        if self.p.win:
            m = re.match(r"^[\\/]?([A-Za-z])([\\/].*)?$", path)
            if m and not re.match(r"^[\\/]{2}", path):
                path = m.group(1) + ":" + (m.group(2) or "\\")
            return self.p.normalize(path)
        return self.p.normalize(path if path.startswith("/") else "/" + path)

    def key(self, path):
        return self.p.normalize(path).lower() if self.p.win else self.p.normalize(path)

    def _parents(self, k):
        while True:
            parent = self.p.parent(k)
            if parent is None:
                return
            self.dirs.add(self.key(parent))
            k = parent

    def kind(self, path):
        k = self.key(path)
        return "file" if k in self.files else "directory" if k in self.dirs else "missing"

    def read(self, path):
        return self.files[self.key(path)]


# --------------------------------------------------------------------------
# One run.
# --------------------------------------------------------------------------
KEY_STYLE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RESERVED = {"__proto__", "constructor", "prototype"}
PACT_KEYS = {"data-home": str, "plugin-dir": str, "do-not-track": bool}
AUTH_KEYS = ("username", "password", "token")


class Run:
    def __init__(self, inp):
        self.os = inp.get("os") or "unknown"
        self.p = Paths(self.os)
        self.diags = []
        env = {k: v for k, v in (inp.get("env") or {}).items() if v is not None}
        # Windows variable names are case-insensitive (first spelling wins).
        self.env = {}
        for k, v in env.items():
            self.env.setdefault(k.upper() if self.os == "windows" else k, v)
        self.cli = inp.get("cli") or {}
        self.cwd = self.p.normalize(inp["cwd"]) if inp.get("cwd") else None
        # D23: home from the request (null: no home); when the key is missing, from the
        # environment: HOME, on Windows USERPROFILE, then HOMEDRIVE + HOMEPATH, then HOME.
        if "home" in inp:
            home = inp["home"]
        elif self.os == "windows":
            drive_path = (self.raw("HOMEDRIVE") or "") + (self.raw("HOMEPATH") or "")
            home = self.raw("USERPROFILE") or drive_path or self.raw("HOME")
        else:
            home = self.raw("HOME")
        self.home = self.p.normalize(home) if home else None
        self.ident = inp.get("ident")
        self.fs = MemoryFs(self.p, inp.get("files"), inp.get("dirs"))
        self.home_warned = False

    def diag(self, code, severity, message):
        d = {"code": code, "severity": severity, "message": message}
        if d not in self.diags:  # e.g. appdata-missing, asked by the config and data rules
            self.diags.append(d)

    def raw(self, name):
        return self.env.get(name.upper() if self.os == "windows" else name)

    def var(self, name):
        """D1: a variable set to "" counts as unset, with an `env-empty` info."""
        v = self.raw(name)
        if v == "":
            self.diag("env-empty", "info", f"{name} is set but empty, so it counts as unset.")
            return None
        return v

    def no_home(self, what):
        if not self.home_warned:
            self.home_warned = True
            self.diag("home-unknown", "warning", f"The home directory is not known, so {what} is skipped.")

    # ---- "Path Handling" -------------------------------------------------
    def path_value(self, value, base, origin, where):
        """Resolves a path value into an absolute path in the target OS's form, or None.
        origin 'file': the RFC's rules; 'env'/'cli': D7 (no backslash rule) and D9 (base = cwd)."""
        if value == "":
            self.diag("path-empty", "warning", f"{where}: the path is empty, so it is ignored.")
            return None
        v = value
        if origin == "file" and "\\" in v:  # D7: undefined in the RFC; convert and warn
            v = v.replace("\\", "/")
            self.diag("path-backslash", "warning", f"{where}: '{value}' uses a backslash; read as '{v}'.")
        if self.p.win and re.match(r"^[A-Za-z]:(?![\\/])", v):
            v = v[:2] + "/" + v[2:]
            self.diag("path-drive-relative", "warning", f"{where}: '{value}' read as '{v}'.")
        # "The tilde must be expanded ... if it is the first character"; D8: only `~` and `~/`.
        if v == "~" or v.startswith("~/") or (self.p.win and v.startswith("~\\")):
            if self.home is None:
                self.no_home(f"'{value}' ({where})")
                return None
            return self.p.resolve(self.home, v[2:] or ".")
        if self.p.root(v):
            return self.p.normalize(v)
        # "Relative paths ... must be resolved relative to the configuration file."
        if base is None:
            self.diag("path-no-base", "warning", f"{where}: relative path '{value}' has no base directory.")
            return None
        return self.p.resolve(base, v)

    # ---- "Location": the explicit file (PACT_CONFIG_FILE or the command line)
    def explicit_file(self):
        cli = self.cli.get("config-file")
        if cli:
            value, where = cli, "--config-file"
        else:
            value, where = self.var("PACT_CONFIG_FILE"), "PACT_CONFIG_FILE"
        if not value:
            return None
        path = self.path_value(value, self.cwd, "cli" if cli else "env", where)
        if path is None:
            raise Stop("explicit-config-missing", f"The configuration file '{value}' ({where}) cannot be resolved.")
        kind = self.fs.kind(path)
        if kind == "directory":  # D19
            raise Stop("explicit-config-not-file", f"The configuration file {path} ({where}) is a directory.")
        if kind != "file":  # "If the file does not exist, an error must be raised."
            raise Stop("explicit-config-missing", f"The configuration file {path} ({where}) does not exist.")
        return path

    # ---- "Location": the local file, looking up from the working directory
    def local_file(self):
        d = self.cwd
        while d is not None:
            a, b = self.p.mod.join(d, "pact.toml"), self.p.mod.join(d, ".pact.toml")
            has_a, has_b = self.fs.kind(a) == "file", self.fs.kind(b) == "file"
            if has_a and has_b:  # D3: undefined in the RFC
                self.diag("local-config-both", "warning", f"{a} and {b} both exist; {b} is ignored.")
            if has_a or has_b:  # "must stop at the first file found"
                return a if has_a else b
            d = self.p.parent(d)
        return None

    # ---- OS base directories: XDG on Unix-likes and macOS, APPDATA on Windows
    def os_base(self, kind):
        if self.os == "unknown":
            return None
        if self.os == "windows":
            appdata = self.raw("APPDATA")
            if appdata and re.match(r"^([A-Za-z]:[\\/]|[\\/]{2}[^\\/])", appdata):
                return self.p.normalize(appdata)
            self.diag("appdata-missing", "warning",  # D10
                      "APPDATA is not set or not absolute, so the fallback under ~ is used.")
            return None
        name, dflt = ("XDG_CONFIG_HOME", ".config") if kind == "config" else ("XDG_DATA_HOME", ".local/share")
        v = self.var(name)  # D11: empty is unset; relative is ignored
        if v:
            if v.startswith("/"):
                return self.p.normalize(v)
            self.diag("xdg-relative", "warning", f"{name} is '{v}', a relative path, so it is ignored.")
        if self.home is None:
            self.no_home(f"~/{dflt}")
            return None
        return self.p.resolve(self.home, dflt)

    def fallback(self, *tail):
        if self.home is None:
            self.no_home("~/.pact")
            return None
        return self.p.resolve(self.home, self.p.mod.join(".pact", *tail))

    # ---- "Location": the user file
    def user_file(self):
        base = self.os_base("config")
        primary = self.p.mod.join(base, "pact", "config.toml") if base else None
        fb = self.fallback("config.toml")
        has_p = primary is not None and self.fs.kind(primary) == "file"
        has_f = fb is not None and self.fs.kind(fb) == "file"
        if has_f and self.os != "unknown":
            if has_p:  # D4: undefined in the RFC
                self.diag("multiple-user-config", "warning", f"{primary} is used; {fb} is ignored.")
            else:  # "a warning should be displayed informing the user to relocate" (D5)
                self.diag("fallback-config-file", "warning",
                          f"The user configuration file is at the fallback {fb}; move it to "
                          f"{primary or 'the OS location'} or set PACT_CONFIG_FILE.")
        return primary if has_p else fb if has_f else None

    # ---- "Format": read, parse and validate one file into a layer ----------
    def load(self, path, role):
        layer = {"role": role, "values": {}, "auth": {}, "ident": {}}
        data = self.fs.read(path)
        if data.startswith(b"\xef\xbb\xbf"):  # a UTF-8 BOM is stripped
            data = data[3:]
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:  # D18: the whole file is ignored
            self.diag("toml-encoding", "error", f"{path}: not valid UTF-8 (byte {e.start}); the file is ignored.")
            return layer
        try:
            doc = tomllib.loads(text)
        except tomllib.TOMLDecodeError as e:  # D18 (message carries line and column)
            self.diag("toml-syntax", "error", f"{path}: {e}; the file is ignored.")
            return layer
        base = self.p.dirname(path)
        src = role
        ident = (self.ident or "").lower()
        for key, val in doc.items():
            where = f"{path}: {key}"
            if key in RESERVED:
                self.diag("reserved-key", "error", f"{where}: a reserved key, ignored.")
                continue
            if not isinstance(val, dict):  # "Top-level configuration data must not be allowed." (D17)
                self.diag("top-level-key", "error", f"{where}: a key outside any table, ignored.")
                continue
            self.style(key, path)
            if key == "pact":
                self.pact_table(val, path, base, layer, src)
            elif key == "broker":
                self.broker_table(val, path, layer, src)
            else:  # an {ident} table: kept nested (D20); only our own ident is reported
                flat = self.flatten(val, path, key)
                if self.ident and key == ident:
                    layer["ident"].update({k: (v, src) for k, v in flat.items()})
        return layer

    def style(self, key, path):
        # "Keys should be in lowercase, and use hyphens (-) to separate words."
        if not KEY_STYLE.match(key):
            self.diag("key-style", "warning", f"{path}: '{key}' is not lowercase words joined by hyphens.")

    def entries(self, table, path, prefix):
        for key, val in table.items():
            if key in RESERVED:
                self.diag("reserved-key", "error", f"{path}: {prefix}.{key} is a reserved key, ignored.")
                continue
            self.style(key, path)
            yield key, val

    def flatten(self, table, path, prefix):
        out = {}
        for key, val in self.entries(table, path, prefix):
            if isinstance(val, dict):
                out.update({f"{key}.{k}": v for k, v in self.flatten(val, path, f"{prefix}.{key}").items()})
            else:
                out[key] = jsonable(val)
        return out

    def mismatch(self, path, name, want):
        self.diag("type-mismatch", "error", f"{path}: {name} must be a {want}; the value is ignored.")  # D16

    def pact_table(self, table, path, base, layer, src):
        for key, val in self.entries(table, path, "pact"):
            if key not in PACT_KEYS:  # D15
                self.diag("unknown-key", "warning", f"{path}: pact.{key} is not a known key; ignored.")
            elif not isinstance(val, PACT_KEYS[key]):
                self.mismatch(path, f"pact.{key}", PACT_KEYS[key].__name__)
            elif key == "do-not-track":
                layer["values"]["pact.do-not-track"] = (val, src)
            else:  # "Relative paths ... must be resolved relative to the configuration file."
                resolved = self.path_value(val, base, "file", f"{path}: pact.{key}")
                if resolved is not None:
                    layer["values"][f"pact.{key}"] = (resolved, src)

    def broker_table(self, table, path, layer, src):
        for key, val in self.entries(table, path, "broker"):
            if key == "base-url":
                if not isinstance(val, str):
                    self.mismatch(path, "broker.base-url", "string")
                else:
                    self.base_url(val, src, layer, f"{path}: broker.base-url")
            elif key == "auth":
                if not isinstance(val, dict):
                    self.mismatch(path, "broker.auth", "table")
                    continue
                for k, v in self.entries(val, path, "broker.auth"):
                    if k not in AUTH_KEYS:
                        self.diag("unknown-key", "warning", f"{path}: broker.auth.{k} is not a known key; ignored.")
                    elif not isinstance(v, str):
                        self.mismatch(path, f"broker.auth.{k}", "string")
                    else:
                        layer["auth"][k] = (v, src)
            else:  # the broker may add keys (D15): info
                self.diag("unknown-key", "info", f"{path}: broker.{key} is not a known key; ignored.")

    # ---- "Pact Broker": the base URL -------------------------------------
    def base_url(self, url, src, layer, where):
        """"This must include the protocol (http/https)". D13: credentials are taken out."""
        shown = re.sub(r"[\x00-\x1f\x7f]", "?", re.sub(r"^([^/]*//)?.*@", r"\1***@", url, flags=re.S))  # no secrets (to the last @), no raw control characters
        # The authority ends at / ? # or, for http and https, a backslash (as WHATWG reads it).
        m = re.match(r"^(https?)://([^/?#\\]*)(.*)$", url, re.I | re.S)
        if not m:
            self.diag("base-url-no-protocol", "error", f"{where}: '{shown}' has no http:// or https://; ignored.")
            return
        scheme, authority, rest = m.groups()
        # D37: a control character (CR LF smuggling a header, say) makes it invalid too.
        invalid = re.search(r"%(?![0-9A-Fa-f]{2})", url) or re.search(r"[\x00-\x1f\x7f]", url)
        # D49: an @ left after the authority (a password with a raw / ? #) makes it invalid too.
        if invalid or not authority.rpartition("@")[2] or "@" in rest:
            self.diag("base-url-invalid", "error", f"{where}: '{shown}' is not a valid URL; ignored.")
            return
        userinfo, at, hostport = authority.rpartition("@")
        layer["values"]["broker.base-url"] = (f"{scheme}://{hostport}{rest}" if at else url, src)
        if at:
            user, _, pw = userinfo.partition(":")
            layer["url-auth"] = {"username": (pct(user), src), "password": (pct(pw), src)}

    # ---- The layers, in precedence order ("Precedence") ------------------
    def env_layer(self):
        layer = {"role": "env", "values": {}, "auth": {}, "ident": {}}
        if self.raw("PACT_DO_NOT_TRACK") is not None:  # "regardless of its value" (D2)
            layer["values"]["pact.do-not-track"] = (True, "env")
        for key, name in (("pact.data-home", "PACT_DATA_HOME"), ("pact.plugin-dir", "PACT_PLUGIN_DIR")):
            v = self.var(name)
            if v:  # D9: `~` expands, relative against the working directory
                path = self.path_value(v, self.cwd, "env", name)
                if path is not None:
                    layer["values"][key] = (path, "env")
        url = self.var("PACT_BROKER_BASE_URL")
        if url:
            self.base_url(url, "env", layer, "PACT_BROKER_BASE_URL")
        for k in AUTH_KEYS:
            v = self.var("PACT_BROKER_" + k.upper())
            if v:
                layer["auth"][k] = (v, "env")
        if self.ident:  # "Implementation Specific": PACT_{IDENT}_* (D21)
            prefix = "PACT_" + self.ident.upper() + "_"
            for name in sorted(self.env):
                if not name.startswith(prefix) or self.env[name] == "":
                    continue
                rest = name[len(prefix):]
                if not re.match(r"^[A-Z0-9]+(?:_[A-Z0-9]+)*$", rest):
                    self.diag("ident-variable-ignored", "warning", f"{name} is not uppercase words; ignored.")
                    continue
                layer["ident"][rest.lower().replace("_", "-")] = (self.env[name], "env")
        return layer

    def cli_layer(self):
        layer = {"role": "cli", "values": {}, "auth": {}, "ident": {}}
        c = self.cli
        for key, opt in (("pact.data-home", "data-home"), ("pact.plugin-dir", "plugin-dir")):
            if c.get(opt):
                path = self.path_value(c[opt], self.cwd, "cli", "--" + opt)
                if path is not None:
                    layer["values"][key] = (path, "cli")
        if isinstance(c.get("do-not-track"), bool):
            layer["values"]["pact.do-not-track"] = (c["do-not-track"], "cli")
        if c.get("broker-base-url"):
            self.base_url(c["broker-base-url"], "cli", layer, "--broker-base-url")
        for k in AUTH_KEYS:
            if c.get("broker-" + k):
                layer["auth"][k] = (c["broker-" + k], "cli")
        return layer

    def run(self):
        if self.ident and (not re.match(r"^[A-Za-z][A-Za-z0-9]*$", self.ident)
                           or self.ident.lower() in ("pact", "broker")):
            raise Stop("ident-invalid", f"'{self.ident}' is not an identifier.")
        files = []
        explicit = self.explicit_file()
        if explicit:  # "If an explicit configuration file is set, only that file should be read."
            files.append((explicit, "explicit"))
        else:  # "the implementation must look for a local configuration file ..., and then a user"
            local = self.local_file()
            if local:
                files.append((local, "local"))
            user = self.user_file()
            if user:
                files.append((user, "user"))
        layers = [self.cli_layer(), self.env_layer()] + [self.load(p, r) for p, r in files]
        values = {}
        # cli > env > explicit | local > user: the first layer holding a key wins.
        for layer in layers:
            for k, v in layer["values"].items():
                values.setdefault(k, v)
        # "PACT_DO_NOT_TRACK ... (regardless of its value) ... must not report" and
        # "do-not-track: If set to true, ... must not report": opting out is sticky (D29).
        # Any layer saying true wins, from the highest such layer; else the highest false.
        opted_out = next((l["values"]["pact.do-not-track"] for l in layers
                          if l["values"].get("pact.do-not-track", (False,))[0] is True), None)
        if opted_out:
            values["pact.do-not-track"] = opted_out
        # The ident table: lower layers first, each over the last; a key replaces the
        # whole sub-table it names, and a sub-table replaces a scalar (D20, D21).
        ident = {}
        for layer in reversed(layers):
            for k, v in layer["ident"].items():
                for old in [o for o in ident if o.startswith(k + ".") or k.startswith(o + ".")]:
                    del ident[old]
                ident[k] = v
        values.update({f"{self.ident.lower()}.{k}": v for k, v in ident.items()})
        # D13: credentials inside the winning base URL count only when no layer sets auth.
        url_layer = next((l for l in layers if "broker.base-url" in l["values"]), {})
        url_auth = url_layer.get("url-auth")
        # "the auth block should be treated as a single entity" (D14): the highest
        # layer with any auth field gives the whole block.
        auth = next((l["auth"] for l in layers if l["auth"]), None) or url_auth or {}  # D13
        for k, v in auth.items():
            values[f"broker.auth.{k}"] = v
        if "token" in auth and ("username" in auth or "password" in auth):  # D12
            self.diag("auth-token-and-basic", "warning",
                      "A token and a username/password are both set; the token (Bearer) is used.")
        values.setdefault("pact.do-not-track", (False, "default"))
        self.shared_dirs(values)
        return {
            "error": None,
            "files": [{"path": p, "role": r} for p, r in files],
            "values": {k: {"value": v, "source": s} for k, (v, s) in values.items()},
            "diagnostics": self.diags,
        }

    # ---- "Shared Files": data home and plugin directory -------------------
    def shared_dirs(self, values):
        if "pact.data-home" not in values:  # not explicit (cli, PACT_DATA_HOME, data-home)
            base = self.os_base("data")
            primary = self.p.mod.join(base, "pact") if base else None
            fb = self.fallback()
            p_dir = primary is not None and self.fs.kind(primary) == "directory"
            f_dir = fb is not None and self.fs.kind(fb) == "directory"
            # D6: the fallback is used on an unknown OS, or when only it exists.
            chosen = fb if primary is None or (not p_dir and f_dir) else primary
            if f_dir and self.os != "unknown":  # "a warning should be displayed" (D6)
                self.diag("fallback-data-home", "warning",
                          f"{fb} exists; move it to {primary or 'the OS location'} or set PACT_DATA_HOME.")
            if chosen is not None:
                values["pact.data-home"] = (self.p.normalize(chosen), "default")
        if "pact.plugin-dir" not in values and "pact.data-home" in values:
            # "This should default to $PACT_DATA_HOME/plugins if not set."
            values["pact.plugin-dir"] = (self.p.resolve(values["pact.data-home"][0], "plugins"), "default")


def pct(s):
    """Percent-decodes a URL's user info (D13)."""
    return re.sub(rb"%([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]),
                  s.encode()).decode("utf-8", "replace")


def jsonable(v):
    if isinstance(v, list):
        return [jsonable(x) for x in v]
    if isinstance(v, dict):
        return {k: jsonable(x) for k, x in v.items()}
    if isinstance(v, (str, int, float, bool)) or v is None:
        return v
    return v.isoformat()  # TOML dates and times


def answer(request):
    if request.get("cmd") == "describe":
        return {"protocol": 1, "name": NAME, "version": VERSION, "language": "python",
                "runtime": "cpython " + ".".join(map(str, sys.version_info[:3])), "injection": True}
    if request.get("cmd") == "run":
        try:
            result = Run(request.get("input") or {}).run()
        except Stop as e:  # a thrown error: the run stops (D19)
            result = {"error": {"code": e.code, "message": e.message}, "files": [], "values": {},
                      "diagnostics": [{"code": e.code, "severity": "error", "message": e.message}]}
        return {"id": request.get("id"), "answer": result}
    return {"id": request.get("id"), "skip": f"unknown command {request.get('cmd')!r}"}


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            out = answer(json.loads(line))
        except Exception as e:  # never die mid-stream: report and carry on
            if "--debug" in sys.argv:
                raise
            out = {"id": None, "error": f"{type(e).__name__}: {e}"}
            try:
                out["id"] = json.loads(line).get("id")
            except Exception:
                pass
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
