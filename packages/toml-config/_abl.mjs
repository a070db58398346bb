// src/find-local.ts
import { diagnostic } from "@pact-config/env";
import { LOCAL_CONFIG_NAMES, pathApi } from "@pact-config/paths";

// src/io.ts
function* stat(path) {
  return yield { op: "stat", path };
}
function* read(path) {
  return yield { op: "read", path };
}
function* firstFile(paths) {
  return yield { op: "first", paths };
}
function* all(tasks) {
  return yield { op: "all", tasks };
}
var NEED = /* @__PURE__ */ Symbol("need-stat");
function* withProbe(rule) {
  return yield { op: "rule", rule };
}
async function probeAsync(rule, fs) {
  const known = /* @__PURE__ */ new Map();
  for (; ; ) {
    let wanted;
    const probe = (path) => {
      const kind = known.get(path);
      if (kind !== void 0) return kind;
      wanted = path;
      throw NEED;
    };
    try {
      return rule(probe);
    } catch (e) {
      if (e !== NEED || wanted === void 0) throw e;
      known.set(wanted, await doAsync({ op: "stat", path: wanted }, fs));
    }
  }
}
function kindOf(s) {
  if (!s) return "missing";
  if (s.isFile()) return "file";
  if (s.isDirectory()) return "directory";
  return "missing";
}
var NO_THROW = { throwIfNoEntry: false };
function statSyncKind(path, fs) {
  try {
    return kindOf(fs.statSync(path, NO_THROW));
  } catch {
    return "missing";
  }
}
function doSync(io, fs) {
  if (io.op === "first") {
    const kinds = [];
    for (const path of io.paths) {
      const kind = statSyncKind(path, fs);
      kinds.push(kind);
      if (kind === "file") return { index: kinds.length - 1, kinds };
    }
    return { index: -1, kinds };
  }
  if (io.op === "all") return io.tasks.map((task) => runSync(task, fs));
  if (io.op === "rule") {
    const known = /* @__PURE__ */ new Map();
    return io.rule((path) => {
      let kind = known.get(path);
      if (kind === void 0) {
        kind = statSyncKind(path, fs);
        known.set(path, kind);
      }
      return kind;
    });
  }
  if (io.op === "stat") return statSyncKind(io.path, fs);
  try {
    return { ok: true, bytes: fs.readFileSync(io.path) };
  } catch (error) {
    return { ok: false, error };
  }
}
async function doAsync(io, fs) {
  if (io.op === "first") {
    const kinds = await Promise.all(
      io.paths.map((path) => doAsync({ op: "stat", path }, fs))
    );
    return { index: kinds.indexOf("file"), kinds };
  }
  if (io.op === "all") return Promise.all(io.tasks.map((task) => runAsync(task, fs)));
  if (io.op === "rule") return probeAsync(io.rule, fs);
  if (io.op === "stat") {
    try {
      return kindOf(await fs.promises.stat(io.path));
    } catch {
      return "missing";
    }
  }
  try {
    return { ok: true, bytes: await fs.promises.readFile(io.path) };
  } catch (error) {
    return { ok: false, error };
  }
}
function runSync(task, fs) {
  let step = task.next();
  while (!step.done) {
    let answer;
    try {
      answer = doSync(step.value, fs);
    } catch (e) {
      step = task.throw(e);
      continue;
    }
    step = task.next(answer);
  }
  return step.value;
}
async function runAsync(task, fs) {
  let step = task.next();
  while (!step.done) {
    let answer;
    try {
      answer = await doAsync(step.value, fs);
    } catch (e) {
      step = task.throw(e);
      continue;
    }
    step = task.next(answer);
  }
  return step.value;
}

// src/find-local.ts
function* findLocalTask(host) {
  if (host.cwd === void 0 || host.cwd === "") return { diagnostics: [] };
  const api = pathApi(host.os);
  const [first, second] = LOCAL_CONFIG_NAMES;
  const paths = [];
  for (let dir = normalized(api, host.cwd); ; ) {
    const base = !api.isAbsolute(dir) ? void 0 : dir.endsWith(api.sep) ? dir : dir + api.sep;
    paths.push(
      base === void 0 ? api.join(dir, first) : base + first,
      base === void 0 ? api.join(dir, second) : base + second
    );
    const parent = api.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  const { index, kinds } = yield* firstFile(paths);
  if (index < 0) return { diagnostics: [] };
  const path = paths[index];
  if (index % 2 === 1) return { path, diagnostics: [] };
  const other = paths[index + 1];
  const both = (kind) => kind === "file" ? [bothDiagnostic(api.dirname(path), other)] : [];
  const known = kinds[index + 1];
  return {
    path,
    diagnostics: [],
    pending: (function* () {
      return both(known ?? (yield* stat(other)));
    })()
  };
}
var lastCwd;
function normalized(api, cwd) {
  if (lastCwd?.api !== api || lastCwd.cwd !== cwd) {
    lastCwd = { api, cwd, normal: api.normalize(cwd) };
  }
  return lastCwd.normal;
}
function bothDiagnostic(dir, other) {
  const [first, second] = LOCAL_CONFIG_NAMES;
  return diagnostic(
    "local-config-both",
    "warning",
    `${first} and ${second} are both in ${dir}; ${first} is read and ${second} is ignored.`,
    {
      hint: `Merge them into ${first} and delete ${second}.`,
      source: { kind: "local", file: other }
    }
  );
}
function findLocalConfig(host) {
  return runSync(settled(findLocalTask(host)), host.fs);
}
function findLocalConfigAsync(host) {
  return runAsync(settled(findLocalTask(host)), host.fs);
}
function* settled(search) {
  const { path, diagnostics, pending } = yield* search;
  const more = pending ? yield* pending : [];
  return { ...path !== void 0 && { path }, diagnostics: [...diagnostics, ...more] };
}

// src/load.ts
import { parseBaseUrl, tokenAndBasic } from "@pact-config/broker-auth";
import {
  dedupeDiagnostics,
  diagnostic as diagnostic3,
  identVariables,
  PactConfigError,
  readPactEnv,
  rulesEnv,
  Secret as Secret2
} from "@pact-config/env";
import {
  locateConfigFile,
  locateDataHome,
  locatePluginDir,
  resolvePathValue as resolvePathValue2,
  userConfigCandidates
} from "@pact-config/paths";

// src/parse.ts
import { hasProtocol, noProtocol } from "@pact-config/broker-auth";
import {
  diagnostic as diagnostic2,
  hasUrlCredentials,
  redactUrl,
  Secret
} from "@pact-config/env";
import { pathApi as pathApi2, resolvePathValue } from "@pact-config/paths";
import { parse, TomlError } from "smol-toml";

// src/locate-keys.ts
var SEP = "\0";
function pathKey(path) {
  return path.join(SEP);
}
function locateKeys(text, options = {}) {
  const map = /* @__PURE__ */ new Map();
  const s = new Scanner(text, map, options.maxDepth ?? Number.POSITIVE_INFINITY);
  s.document();
  return { get: (path) => map.get(pathKey(path)), size: map.size };
}
var BARE = /[A-Za-z0-9_-]/;
var BARE_RUN = /[A-Za-z0-9_-]+/y;
var BARE_VALUE = /[^,\]}\n#]+/y;
var PLAIN_STRING = /[^"\\\n]+/y;
var Scanner = class {
  constructor(t, map, maxDepth) {
    this.t = t;
    this.map = map;
    this.maxDepth = maxDepth;
  }
  t;
  map;
  maxDepth;
  p = 0;
  line = 1;
  lineStart = 0;
  arrayTables = /* @__PURE__ */ new Map();
  /** `path` cut to one segment past {@link maxDepth}: deeper keys are never recorded. */
  cap(path) {
    return path.length > this.maxDepth + 1 ? path.slice(0, this.maxDepth + 1) : path;
  }
  /** How many leading segments of a dotted key under `base` can still be recorded. */
  room(base, keys) {
    return Math.max(0, Math.min(keys.length, this.maxDepth - base.length));
  }
  pos() {
    return { line: this.line, column: this.p - this.lineStart + 1 };
  }
  record(path, at) {
    if (path.length > this.maxDepth) return;
    const k = pathKey(path);
    if (!this.map.has(k)) this.map.set(k, at);
  }
  /** Advances one character, keeping line numbers. */
  adv() {
    if (this.t.charCodeAt(this.p) === 10) {
      this.line++;
      this.lineStart = this.p + 1;
    }
    this.p++;
  }
  /** Skips a run matched by a sticky pattern that never spans a line end. */
  jump(run) {
    run.lastIndex = this.p;
    if (run.test(this.t)) this.p = run.lastIndex;
  }
  eof() {
    return this.p >= this.t.length;
  }
  ch(offset = 0) {
    return this.t[this.p + offset] ?? "";
  }
  /** Skips spaces and tabs (and, when `newlines`, line ends and comments). */
  ws(newlines) {
    while (!this.eof()) {
      const c = this.ch();
      if (c === " " || c === "	" || c === "\r") this.adv();
      else if (newlines && c === "\n") this.adv();
      else if (newlines && c === "#") this.skipLine();
      else break;
    }
  }
  skipLine() {
    const end = this.t.indexOf("\n", this.p);
    this.p = end === -1 ? Math.max(this.p, this.t.length) : end;
  }
  document() {
    let current = [];
    while (!this.eof()) {
      const before = this.p;
      this.ws(true);
      if (this.eof()) break;
      const c = this.ch();
      if (c === "[") {
        const array = this.ch(1) === "[";
        this.adv();
        if (array) this.adv();
        this.ws(false);
        const keys = this.key();
        if (keys.length === 0) {
          this.skipLine();
          continue;
        }
        const path = keys.map((k) => k.name);
        for (let i = 0; i < this.room([], keys); i++)
          this.record(path.slice(0, i + 1), keys[i].at);
        if (array) {
          const k = pathKey(path);
          const index = (this.arrayTables.get(k) ?? -1) + 1;
          this.arrayTables.set(k, index);
          current = this.cap([...path, String(index)]);
          this.record(current, keys[keys.length - 1].at);
        } else {
          current = this.cap(path);
        }
        this.skipLine();
      } else {
        const keys = this.key();
        if (keys.length === 0) {
          this.skipLine();
        } else {
          for (let i = 0; i < this.room(current, keys); i++) {
            this.record([...current, ...keys.slice(0, i + 1).map((x) => x.name)], keys[i].at);
          }
          this.ws(false);
          if (this.ch() === "=") {
            this.adv();
            this.ws(false);
            this.value(this.cap([...current, ...keys.map((k) => k.name)]));
          }
          this.skipLine();
        }
      }
      if (this.p === before) this.adv();
    }
  }
  /** A dotted key: segments with their positions. Empty when none is there. */
  key() {
    const out = [];
    for (; ; ) {
      this.ws(false);
      const at = this.pos();
      const c = this.ch();
      let name;
      if (c === '"') name = this.basicString();
      else if (c === "'") name = this.literalString();
      else if (BARE.test(c)) {
        const start = this.p;
        this.jump(BARE_RUN);
        name = this.t.slice(start, this.p);
      }
      if (name === void 0) return out;
      out.push({ name, at });
      this.ws(false);
      if (this.ch() !== ".") return out;
      this.adv();
    }
  }
  /** A value; records the keys of inline tables (and their elements' keys) under `path`. */
  value(path) {
    const c = this.ch();
    if (c === '"' || c === "'") {
      if (this.t.startsWith(c.repeat(3), this.p)) this.multiline(c);
      else if (c === '"') this.basicString();
      else this.literalString();
      return;
    }
    if (c === "{") {
      this.adv();
      for (; ; ) {
        this.ws(true);
        if (this.eof()) return;
        if (this.ch() === "}") {
          this.adv();
          return;
        }
        if (this.ch() === ",") {
          this.adv();
          continue;
        }
        const before = this.p;
        const keys = this.key();
        for (let i = 0; i < this.room(path, keys); i++) {
          this.record([...path, ...keys.slice(0, i + 1).map((x) => x.name)], keys[i].at);
        }
        this.ws(true);
        if (this.ch() === "=") {
          this.adv();
          this.ws(true);
          this.value(this.cap([...path, ...keys.map((k) => k.name)]));
        }
        if (this.p === before) this.adv();
      }
    }
    if (c === "[") {
      this.adv();
      let index = 0;
      for (; ; ) {
        this.ws(true);
        if (this.eof()) return;
        if (this.ch() === "]") {
          this.adv();
          return;
        }
        if (this.ch() === ",") {
          this.adv();
          index++;
          continue;
        }
        const before = this.p;
        this.value(this.cap([...path, String(index)]));
        if (this.p === before) this.adv();
      }
    }
    this.jump(BARE_VALUE);
  }
  basicString() {
    this.adv();
    let out = "";
    while (!this.eof()) {
      const c = this.ch();
      if (c === '"') {
        this.adv();
        return out;
      }
      if (c === "\n") return out;
      if (c !== "\\") {
        const start = this.p;
        this.jump(PLAIN_STRING);
        out += this.t.slice(start, this.p);
        continue;
      }
      const e = this.ch(1);
      this.adv();
      this.adv();
      out += unescapeChar(e, this);
    }
    return out;
  }
  /** Reads `\uXXXX` / `\UXXXXXXXX` digits for {@link unescapeChar}. */
  hex(n) {
    const digits = this.t.slice(this.p, this.p + n);
    for (let i = 0; i < n; i++) this.adv();
    const code = Number.parseInt(digits, 16);
    return Number.isFinite(code) && code <= 1114111 ? String.fromCodePoint(code) : "";
  }
  literalString() {
    this.adv();
    const start = this.p;
    while (!this.eof() && this.ch() !== "'" && this.ch() !== "\n") this.adv();
    const out = this.t.slice(start, this.p);
    if (this.ch() === "'") this.adv();
    return out;
  }
  multiline(q) {
    this.adv();
    this.adv();
    this.adv();
    const close = q.repeat(3);
    while (!this.eof()) {
      if (q === '"' && this.ch() === "\\") {
        this.adv();
        this.adv();
        continue;
      }
      if (this.t.startsWith(close, this.p)) {
        this.adv();
        this.adv();
        this.adv();
        while (this.ch() === q) this.adv();
        return;
      }
      this.adv();
    }
  }
};
var SIMPLE = {
  b: "\b",
  t: "	",
  n: "\n",
  f: "\f",
  r: "\r",
  e: "\x1B",
  '"': '"',
  "\\": "\\"
};
function unescapeChar(e, s) {
  if (e === "u") return s.hex(4);
  if (e === "U") return s.hex(8);
  if (e === "x") return s.hex(2);
  return SIMPLE[e] ?? e;
}

// src/parse.ts
var RESERVED_KEYS = /* @__PURE__ */ new Set([
  "__proto__",
  "constructor",
  "prototype"
]);
var KEY_STYLE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
var PACT_KEYS = /* @__PURE__ */ new Set(["plugin-dir", "data-home", "do-not-track"]);
var BROKER_KEYS = /* @__PURE__ */ new Set(["base-url", "auth", "tls"]);
var TLS_PATH_KEYS = /* @__PURE__ */ new Set(["ca-file", "ca-dir", "client-cert-file", "client-key-file"]);
var TLS_KEYS = /* @__PURE__ */ new Set([...TLS_PATH_KEYS, "disable-verification"]);
var AUTH_KEYS = /* @__PURE__ */ new Set(["username", "password", "token"]);
var MAX_SHOWN = 120;
var MAX_CONFIG_BYTES = 1024 * 1024;
function parseConfigFile(bytes, file) {
  const diagnostics = [];
  const ref = { path: file.path, role: file.role };
  const fileSource = (pos) => ({
    kind: file.role,
    file: file.path,
    ...pos && { line: pos.line, column: pos.column }
  });
  const empty = () => ({
    path: ref.path,
    role: ref.role,
    pact: {},
    broker: {},
    idents: /* @__PURE__ */ new Map()
  });
  const size = typeof bytes === "string" ? bytes.length : bytes.byteLength;
  if (size > MAX_CONFIG_BYTES) {
    diagnostics.push(
      diagnostic2(
        "config-too-large",
        "error",
        `${file.path} is ${size} bytes, more than a configuration file may be (${MAX_CONFIG_BYTES}); the file is ignored.`,
        {
          hint: "A Pact configuration file holds a few tables; check that this is the file you meant.",
          source: fileSource({ line: 1, column: 1 })
        }
      )
    );
    return { config: empty(), diagnostics };
  }
  let text;
  if (typeof bytes === "string") {
    text = bytes.startsWith("\uFEFF") ? bytes.slice(1) : bytes;
  } else {
    try {
      text = utf8().decode(bytes);
    } catch {
      const at2 = firstInvalidUtf8(bytes);
      diagnostics.push(
        diagnostic2(
          "toml-encoding",
          "error",
          `${file.path} is not valid UTF-8 (first bad byte at line ${at2.line}, column ${at2.column}); the file is ignored.`,
          { hint: "Save the file as UTF-8.", source: fileSource(at2) }
        )
      );
      return { config: empty(), diagnostics };
    }
  }
  const chain = text.length < 2 * CHAIN_LIMIT ? void 0 : deepKeyChain(text);
  if (chain !== void 0) {
    const before = text.slice(0, chain);
    const position = { line: before.split("\n").length, column: chain - before.lastIndexOf("\n") };
    return { config: empty(), diagnostics: [tooDeep(file.path, fileSource(position))] };
  }
  let doc;
  try {
    doc = parse(text);
  } catch (e) {
    diagnostics.push(syntaxDiagnostic(e, text, file.path, fileSource));
    return { config: empty(), diagnostics };
  }
  let located;
  const at = keySource(file.role, file.path, () => located ??= locateKeys(text));
  const deep = globalThis.__ABL?.includes('B') ? undefined : check(doc, at, diagnostics);
  if (deep) {
    const bounded = locateKeys(text, { maxDepth: MAX_CONFIG_DEPTH + 1 });
    let pos;
    for (let n = deep.length; n > 0 && !pos; n--) pos = bounded.get(deep.slice(0, n));
    return {
      config: empty(),
      diagnostics: [tooDeep(file.path, fileSource(pos ?? { line: 1, column: 1 }))]
    };
  }
  const clean = doc;
  const pact = {};
  const broker = {};
  const idents = /* @__PURE__ */ new Map();
  for (const name of Object.keys(clean)) {
    const value = clean[name];
    if (!isTable(value)) {
      diagnostics.push(
        diagnostic2(
          "top-level-key",
          "error",
          `'${name}' is set outside any table in ${file.path}; it is ignored.`,
          {
            hint: `Put it in a table such as [pact], [broker] or your tool's own [ident] table.`,
            source: at([name])
          }
        )
      );
      continue;
    }
    if (globalThis.__ABL?.includes('C')) continue;
    if (name === "pact") readPact(value, file, at, pact, diagnostics);
    else if (name === "broker") readBroker(value, file, at, broker, diagnostics);
    else idents.set(name, identTable(value, name, at));
  }
  return { config: { path: ref.path, role: ref.role, pact, broker, idents }, diagnostics };
}
function readPact(table, file, at, out, diagnostics) {
  for (const key of Object.keys(table)) {
    const value = table[key];
    const source = at(["pact", key]);
    if (!PACT_KEYS.has(key)) {
      diagnostics.push(unknownKey(`pact.${key}`, "warning", source, [...PACT_KEYS]));
      continue;
    }
    if (key === "do-not-track") {
      if (typeof value === "boolean") out.doNotTrack = { value, source };
      else
        diagnostics.push(
          typeMismatch("pact.do-not-track", "a boolean (true or false)", value, source)
        );
      continue;
    }
    if (typeof value !== "string") {
      diagnostics.push(typeMismatch(`pact.${key}`, "a string (a path)", value, source));
      continue;
    }
    const path = filePath(value, file, source, diagnostics);
    if (path === void 0) continue;
    if (key === "data-home") out.dataHome = { value: path, source };
    else out.pluginDir = { value: path, source };
  }
}
function filePath(value, file, source, diagnostics) {
  const r = resolvePathValue(value, {
    os: file.os,
    home: file.home,
    baseDir: pathApi2(file.os).dirname(file.path),
    origin: "file",
    source
  });
  diagnostics.push(...r.diagnostics);
  return r.path;
}
function readBroker(table, file, at, out, diagnostics) {
  for (const key of Object.keys(table)) {
    const value = table[key];
    const source = at(["broker", key]);
    if (!BROKER_KEYS.has(key)) {
      diagnostics.push(unknownKey(`broker.${key}`, "info", source, [...BROKER_KEYS]));
      continue;
    }
    if (key === "base-url") {
      if (typeof value !== "string") {
        diagnostics.push(typeMismatch("broker.base-url", "a string (a URL)", value, source));
      } else if (!hasProtocol(value)) {
        diagnostics.push(noProtocol(value, source, file.path));
      } else {
        out.baseUrl = { value: redactUrl(value), source };
        if (hasUrlCredentials(value)) out.rawBaseUrl = { value: new Secret(value), source };
      }
      continue;
    }
    if (key === "tls") {
      if (!isTable(value)) {
        diagnostics.push(
          typeMismatch("broker.tls", "a table ([broker.tls] with ca-file, \u2026)", value, source)
        );
      } else {
        const tls = readTls(value, file, at, diagnostics);
        if (Object.keys(tls).length > 0) out.tls = tls;
      }
      continue;
    }
    if (!isTable(value)) {
      diagnostics.push(
        typeMismatch(
          "broker.auth",
          'a table ({ token = "\u2026" } or { username = "\u2026", password = "\u2026" })',
          value,
          source
        )
      );
      continue;
    }
    const auth = {};
    for (const field of Object.keys(value)) {
      const v = value[field];
      const src = at(["broker", "auth", field]);
      if (!AUTH_KEYS.has(field)) {
        diagnostics.push(unknownKey(`broker.auth.${field}`, "warning", src, [...AUTH_KEYS]));
        continue;
      }
      if (typeof v !== "string") {
        diagnostics.push(
          typeMismatch(`broker.auth.${field}`, "a string", v, src, field !== "username")
        );
        continue;
      }
      if (field === "username") auth.username = { value: v, source: src };
      else if (field === "password") auth.password = { value: new Secret(v), source: src };
      else auth.token = { value: new Secret(v), source: src };
    }
    if (auth.username || auth.password || auth.token) out.auth = auth;
  }
}
function readTls(table, file, at, diagnostics) {
  const out = {};
  for (const key of Object.keys(table)) {
    const value = table[key];
    const source = at(["broker", "tls", key]);
    if (!TLS_KEYS.has(key)) {
      diagnostics.push(unknownKey(`broker.tls.${key}`, "warning", source, [...TLS_KEYS]));
      continue;
    }
    if (key === "disable-verification") {
      if (typeof value === "boolean") out.disableVerification = { value, source };
      else
        diagnostics.push(
          typeMismatch(
            "broker.tls.disable-verification",
            "a boolean (true or false)",
            value,
            source
          )
        );
      continue;
    }
    if (typeof value !== "string") {
      diagnostics.push(typeMismatch(`broker.tls.${key}`, "a string (a path)", value, source));
      continue;
    }
    const path = filePath(value, file, source, diagnostics);
    if (path === void 0) continue;
    const v = { value: path, source };
    if (key === "ca-file") out.caFile = v;
    else if (key === "ca-dir") out.caDir = v;
    else if (key === "client-cert-file") out.clientCertFile = v;
    else out.clientKeyFile = v;
  }
  return out;
}
function identTable(table, name, at) {
  let sources;
  const walk = (t, path, dotted) => {
    for (const key of Object.keys(t)) {
      const p = [...path, key];
      const v = t[key];
      const d = dotted === "" ? key : `${dotted}.${key}`;
      sources[d] = at(p);
      if (isTable(v)) walk(v, p, d);
    }
  };
  return {
    values: table,
    get sources() {
      if (!sources) {
        sources = /* @__PURE__ */ Object.create(null);
        walk(table, [name], "");
      }
      return sources;
    }
  };
}
function check(doc, at, diagnostics) {
  const path = [];
  const walk = (value) => {
    if (path.length > MAX_CONFIG_DEPTH) return true;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(String(i));
        if (walk(value[i])) return true;
        path.pop();
      }
      return false;
    }
    if (!isTable(value)) return false;
    for (const key of Object.keys(value)) {
      path.push(key);
      if (RESERVED_KEYS.has(key)) {
        diagnostics.push(reservedKey(path, key, at));
        delete value[key];
      } else {
        if (!isKeyStyle(key)) diagnostics.push(keyStyle(path, key, at));
        if (walk(value[key])) return true;
      }
      path.pop();
    }
    return false;
  };
  return walk(doc) ? path.slice() : void 0;
}
function isKeyStyle(key) {
  const n = key.length;
  if (n === 0) return false;
  let hyphen = true;
  for (let i = 0; i < n; i++) {
    const c = key.charCodeAt(i);
    if (c >= 97 && c <= 122 || c >= 48 && c <= 57) hyphen = false;
    else if (c === 45 && !hyphen) hyphen = true;
    else return false;
  }
  return !hyphen;
}
function reservedKey(path, key, at) {
  return diagnostic2(
    "reserved-key",
    "error",
    `The key '${displayPath(path)}' uses the reserved name '${key}'; it is ignored.`,
    {
      hint: "Rename the key: __proto__, constructor and prototype are never read.",
      source: at([...path])
    }
  );
}
function keyStyle(path, key, at) {
  return diagnostic2(
    "key-style",
    "warning",
    `The key '${displayPath(path)}' is not lowercase words joined by hyphens.`,
    {
      hint: `Keys should look like 'plugin-dir' (RFC "Format"); try '${suggestKey(key)}'.`,
      source: at([...path])
    }
  );
}
var KeySource = class {
  kind;
  file;
  key;
  #path;
  #locate;
  #pos;
  constructor(kind, file, path, locate) {
    this.kind = kind;
    this.file = file;
    this.key = path.join(".");
    this.#path = path;
    this.#locate = locate;
  }
  // Some test libraries read getters through the prototype: that has no position.
  get line() {
    return #path in this ? this.#position()?.line : void 0;
  }
  get column() {
    return #path in this ? this.#position()?.column : void 0;
  }
  #position() {
    if (this.#pos === void 0) this.#pos = this.#locate().get(this.#path) ?? null;
    return this.#pos;
  }
  toJSON() {
    const pos = this.#position();
    return {
      kind: this.kind,
      file: this.file,
      ...pos && { line: pos.line, column: pos.column },
      key: this.key
    };
  }
  [/* @__PURE__ */ Symbol.for("nodejs.util.inspect.custom")]() {
    return this.toJSON();
  }
  [/* @__PURE__ */ Symbol.for("Deno.customInspect")]() {
    return JSON.stringify(this.toJSON());
  }
};
function keySource(kind, file, locate) {
  return (path) => new KeySource(kind, file, path, locate);
}
function displayPath(path) {
  return path.map((k) => KEY_STYLE.test(k) || /^[A-Za-z0-9_-]+$/.test(k) ? k : JSON.stringify(k)).join(".");
}
function suggestKey(key) {
  const s = key.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  return s || "key";
}
var strictUtf8;
function utf8() {
  strictUtf8 ??= new TextDecoder("utf-8", { fatal: true });
  return strictUtf8;
}
function isTable(value) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}
function describeType(value) {
  if (Array.isArray(value)) return "an array";
  if (isTable(value)) return "a table";
  if (typeof value === "string") return "a string";
  if (typeof value === "boolean") return "a boolean";
  if (typeof value === "number" || typeof value === "bigint") return "a number";
  return "a date";
}
function typeMismatch(key, expected, value, source, secret = false) {
  const shown = secret || typeof value !== "string" ? "" : ` ('${value.slice(0, MAX_SHOWN)}')`;
  return diagnostic2(
    "type-mismatch",
    "error",
    `${key} must be ${expected}, but it is ${describeType(value)}${shown}; it is ignored.`,
    {
      hint: `Write ${key} as ${expected}.`,
      source
    }
  );
}
function unknownKey(key, severity, source, known) {
  const table = key.slice(0, key.lastIndexOf("."));
  return diagnostic2(
    "unknown-key",
    severity,
    `${key} is not a key pact-config knows; it is ignored.`,
    {
      hint: `The keys of [${table}] are ${known.join(", ")}.`,
      source
    }
  );
}
var SECRET_LINE = /pass|pwd|token|secret|private|credential|auth|key\s*=|:\/\/[^\s"'/]*@/i;
function maskSecrets(line) {
  if (!SECRET_LINE.test(line)) return line;
  const eq = line.indexOf("=");
  return eq < 0 ? "********" : `${line.slice(0, eq + 1)} ********`;
}
function syntaxDiagnostic(e, text, path, fileSource) {
  if (e instanceof TomlError) {
    const reason2 = e.message.replace(/^Invalid TOML document: /, "").split("\n")[0] ?? "invalid TOML";
    const lineText = maskSecrets((text.split(/\r?\n/)[e.line - 1] ?? "").replace(/\t/g, " "));
    const start = Math.max(0, Math.min(e.column - 1 - MAX_SHOWN / 2, lineText.length - MAX_SHOWN));
    const shown = lineText.slice(start, start + MAX_SHOWN);
    const gutter = String(e.line);
    const caret = " ".repeat(Math.max(0, e.column - 1 - start));
    return diagnostic2(
      "toml-syntax",
      "error",
      `${path}:${e.line}:${e.column}: ${reason2}; the file is ignored.
  ${gutter} | ${shown}
  ${" ".repeat(gutter.length)} | ${caret}^`,
      {
        hint: "Fix the TOML at that line (https://toml.io).",
        source: fileSource({ line: e.line, column: e.column })
      }
    );
  }
  const reason = e instanceof Error ? e.message : String(e);
  return diagnostic2(
    "toml-syntax",
    "error",
    `${path} could not be parsed (${reason.slice(0, MAX_SHOWN)}); the file is ignored.`,
    {
      hint: "Fix the TOML (https://toml.io).",
      source: fileSource()
    }
  );
}
var MAX_CONFIG_DEPTH = 100;
var CHAIN_LIMIT = 4 * MAX_CONFIG_DEPTH;
function deepKeyChain(text) {
  const limit = CHAIN_LIMIT;
  let dots = 0;
  let start = 0;
  let inKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const keyChar = c >= 48 && c <= 57 || c >= 65 && c <= 90 || c >= 97 && c <= 122 || c === 45 || c === 95;
    if (keyChar) {
      if (!inKey && dots === 0) start = i;
      inKey = true;
    } else if (c === 46 && inKey) {
      dots++;
      inKey = false;
      if (dots >= limit) return start;
    } else if (c !== 32 && c !== 9) {
      dots = 0;
      inKey = false;
    }
  }
  return void 0;
}
function tooDeep(path, source) {
  return diagnostic2(
    "config-too-deep",
    "error",
    `${path} nests tables or arrays more than ${MAX_CONFIG_DEPTH} levels deep; the file is ignored.`,
    {
      hint: "A Pact configuration file holds a few shallow tables; check that this is the file you meant.",
      source
    }
  );
}
function firstInvalidUtf8(bytes) {
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = lo + hi + 1 >> 1;
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < lo; i++) {
    if (bytes[i] === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  let prefix = "";
  try {
    prefix = new TextDecoder("utf-8").decode(bytes.subarray(lineStart, lo));
  } catch {
    prefix = "";
  }
  return { line, column: prefix.replace(/\uFFFD$/, "").length + 1 };
}

// src/load.ts
function loadConfigSync(options) {
  return runSync(loadTask(options), options.host.fs);
}
function loadConfig(options) {
  return runAsync(loadTask(options), options.host.fs);
}
function cliValues(options) {
  const cli = options.cli ?? {};
  const name = (o) => options.cliNames?.[o] ?? `--${o}`;
  const text = (v, o) => v === void 0 || v === "" ? void 0 : { value: v, source: { kind: "cli", name: name(o) } };
  const secret = (v, o) => {
    const s = typeof v === "string" ? new Secret2(v) : v;
    return s === void 0 || s.isEmpty ? void 0 : { value: s, source: { kind: "cli", name: name(o) } };
  };
  const b = cli.broker ?? {};
  return strip({
    configFile: text(cli.configFile, "config-file"),
    dataHome: text(cli.dataHome, "data-home"),
    pluginDir: text(cli.pluginDir, "plugin-dir"),
    doNotTrack: cli.doNotTrack === void 0 ? void 0 : { value: cli.doNotTrack, source: { kind: "cli", name: name("do-not-track") } },
    baseUrl: text(b.baseUrl, "broker-base-url"),
    auth: strip({
      username: text(b.username, "broker-username"),
      password: secret(b.password, "broker-password"),
      token: secret(b.token, "broker-token")
    })
  });
}
function* loadTask(options) {
  const { host } = options;
  const diagnostics = [];
  const vars = globalThis.__ABL?.includes('F') ? (globalThis.__VARS ??= rulesEnv(host.env, host.os)) : rulesEnv(host.env, host.os);
  const envRead = readPactEnv(vars, { os: host.os });
  diagnostics.push(...envRead.diagnostics);
  const env = envRead.values;
  const cli = cliValues(options);
  const ctx = { os: host.os, env: vars, home: host.home, cwd: host.cwd };
  const pending = [];
  const reads = [];
  if (cli.configFile || env.configFile) {
    const located = yield* withProbe(
      (probe) => locateConfigFile(ctx, { cli: cli.configFile, probe })
    );
    diagnostics.push(...located.diagnostics);
    if (located.file) {
      const ref = { path: located.file.path, role: located.file.role };
      reads.push({ ref, got: yield* read(ref.path), explicitSource: located.file.source });
    }
  } else {
    const [local, user] = yield* all([localRead(host), userRead(ctx)]);
    diagnostics.push(...local.diagnostics, ...user.diagnostics);
    if (local.pending) pending.push(local.pending);
    if (user.pending) pending.push(user.pending);
    if (local.file) reads.push(local.file);
    if (user.file) reads.push(user.file);
  }
  const files = [];
  const configs = [];
  for (const { ref, got, explicitSource } of reads) {
    if (!got.ok) {
      const d = unreadable(ref, got.error, explicitSource);
      if (ref.role === "explicit") throw new PactConfigError(d);
      diagnostics.push(d);
      continue;
    }
    files.push(ref);
    const parsed = parseConfigFile(got.bytes, {
      path: ref.path,
      role: ref.role,
      os: host.os,
      home: host.home
    });
    diagnostics.push(...parsed.diagnostics);
    configs.push(parsed.config);
  }
  const fromFiles = (pick) => {
    for (const f of configs) {
      const v = pick(f);
      if (v !== void 0) return v;
    }
    return void 0;
  };
  const dataHome = globalThis.__ABL?.includes('D') ? (globalThis.__DH ??= locateDataHome(ctx, { config: fromFiles((f) => f.pact.dataHome), probe: () => 'missing' })) : yield* withProbe(
    (probe) => locateDataHome(ctx, { cli: cli.dataHome, config: fromFiles((f) => f.pact.dataHome), probe })
  );
  const pluginDir = locatePluginDir(ctx, {
    cli: cli.pluginDir,
    config: fromFiles((f) => f.pact.pluginDir),
    dataHome
  });
  diagnostics.push(...dataHome.diagnostics, ...pluginDir.diagnostics);
  const dntLayers = [
    cli.doNotTrack,
    env.doNotTrack,
    ...configs.map((f) => f.pact.doNotTrack)
  ];
  const doNotTrack = dntLayers.find((l) => l?.value === true) ?? dntLayers.find((l) => l !== void 0) ?? {
    value: false,
    source: { kind: "default", detail: "do-not-track is off unless set" }
  };
  let baseUrl;
  let urlAuth;
  const whole = (b) => b.rawBaseUrl ? { value: b.rawBaseUrl.value.reveal(), source: b.rawBaseUrl.source } : b.baseUrl;
  const urlCandidates = [cli.baseUrl, whole(env.broker), ...configs.map((f) => whole(f.broker))];
  for (const candidate of urlCandidates) {
    if (!candidate) continue;
    const parsed = parseBaseUrl(candidate.value, candidate.source);
    diagnostics.push(...parsed.diagnostics);
    if (parsed.text === void 0) continue;
    baseUrl = { value: parsed.text, source: candidate.source };
    const fromUrl = {};
    if (parsed.username) fromUrl.username = { value: parsed.username, source: candidate.source };
    if (parsed.password) fromUrl.password = { value: parsed.password, source: candidate.source };
    urlAuth = fromUrl.username || fromUrl.password ? fromUrl : void 0;
    break;
  }
  const envAuth = strip({
    username: env.broker.username,
    password: env.broker.password,
    token: env.broker.token
  });
  const blocks = [
    cli.auth,
    envAuth,
    ...configs.map((f) => f.broker.auth),
    // Credentials inside the base URL lose to any explicit ones (D13).
    urlAuth
  ];
  const auth = blocks.find((b) => b !== void 0 && (b.username || b.password || b.token));
  let scheme;
  if (auth?.token) {
    scheme = "bearer";
    if (auth.username || auth.password) {
      diagnostics.push(tokenAndBasic(auth.token.source));
    }
  } else if (auth?.username || auth?.password) {
    scheme = "basic";
  }
  const tls = layerTls(env.tls, configs, host, diagnostics);
  const broker = strip({ baseUrl, auth, scheme, tls });
  const pact = { dataHome, pluginDir, doNotTrack };
  const ident = (name) => identConfig(name, configs, vars, host.os);
  const values = (name) => {
    const out = /* @__PURE__ */ Object.create(null);
    if (dataHome.path !== void 0)
      out["pact.data-home"] = { value: dataHome.path, source: dirSource(dataHome) };
    if (pluginDir.path !== void 0)
      out["pact.plugin-dir"] = { value: pluginDir.path, source: dirSource(pluginDir) };
    out["pact.do-not-track"] = doNotTrack;
    if (baseUrl) out["broker.base-url"] = baseUrl;
    if (auth?.username) out["broker.auth.username"] = auth.username;
    if (auth?.password) out["broker.auth.password"] = auth.password;
    if (auth?.token) out["broker.auth.token"] = auth.token;
    if (tls?.caFile) out["broker.tls.ca-file"] = tls.caFile;
    if (tls?.caDir) out["broker.tls.ca-dir"] = tls.caDir;
    if (tls?.clientCertFile) out["broker.tls.client-cert-file"] = tls.clientCertFile;
    if (tls?.clientKeyFile) out["broker.tls.client-key-file"] = tls.clientKeyFile;
    if (tls?.disableVerification) out["broker.tls.disable-verification"] = tls.disableVerification;
    if (name !== void 0) {
      const id = ident(name);
      const prefix = name.toLowerCase();
      flatten(id.values, [], (key, value) => {
        const source = id.sources[key];
        if (source) out[`${prefix}.${key}`] = { value, source };
      });
    }
    return out;
  };
  let noticed;
  return {
    files,
    configs,
    pact,
    broker,
    ident,
    values,
    get diagnostics() {
      noticed ??= dedupeDiagnostics([
        ...diagnostics,
        ...pending.flatMap((task) => runSync(task, host.fs))
      ]);
      return noticed;
    }
  };
}
function* localRead(host) {
  const found = yield* findLocalTask(host);
  if (found.path === void 0) return found;
  const ref = { path: found.path, role: "local" };
  return { ...found, file: { ref, got: yield* read(ref.path) } };
}
var MISSING_CODES = /* @__PURE__ */ new Set(["ENOENT", "ENOTDIR"]);
function* userRead(ctx) {
  const c = globalThis.__ABL?.includes('E') ? (globalThis.__C ??= userConfigCandidates(ctx)) : userConfigCandidates(ctx);
  const known = /* @__PURE__ */ new Map();
  let got;
  if (c.primary) {
    got = yield* read(c.primary.path);
    known.set(c.primary.path, got.ok ? "file" : yield* kindAfter(got.error, c.primary.path));
  }
  const fallback = c.fallback?.path;
  const primaryIsFile = c.primary !== void 0 && known.get(c.primary.path) === "file";
  if (fallback !== void 0 && !primaryIsFile) known.set(fallback, yield* stat(fallback));
  const locate = () => locateConfigFile(ctx, { probe: (path) => known.get(path) ?? "missing" });
  if (primaryIsFile && got) {
    const pending = fallback === void 0 ? void 0 : (function* () {
      known.set(fallback, yield* stat(fallback));
      return locate().diagnostics.filter((d) => d.code === "multiple-user-config");
    })();
    const ref2 = { path: c.primary.path, role: "user" };
    return { file: { ref: ref2, got }, diagnostics: c.diagnostics, pending };
  }
  const located = locate();
  const file = located.file;
  if (!file) return { diagnostics: located.diagnostics };
  const ref = { path: file.path, role: "user" };
  if (file.path !== c.primary?.path || !got) got = yield* read(file.path);
  return { file: { ref, got }, diagnostics: located.diagnostics };
}
function* kindAfter(error, path) {
  const code = error?.code;
  if (typeof code === "string" && MISSING_CODES.has(code)) return "missing";
  if (code === "EISDIR") return "directory";
  return yield* stat(path);
}
function layerTls(envTls, configs, host, diagnostics) {
  const envPath = (v, list = false) => {
    if (!v) return void 0;
    const delimiter = host.os === "windows" ? ";" : ":";
    const parts = list ? v.value.split(delimiter).filter((p) => p !== "") : [v.value];
    const out = [];
    for (const part of parts) {
      const r = resolvePathValue2(part, {
        os: host.os,
        home: host.home,
        baseDir: host.cwd,
        origin: "env",
        source: v.source
      });
      diagnostics.push(...r.diagnostics);
      if (r.path !== void 0) out.push(r.path);
    }
    return out.length > 0 ? { value: out.join(delimiter), source: v.source } : void 0;
  };
  const fromFiles = (key) => {
    for (const f of configs) if (f.broker.tls?.[key] !== void 0) return f.broker.tls[key];
    return void 0;
  };
  const envCert = envPath(envTls.clientCertFile);
  const envKey = envPath(envTls.clientKeyFile);
  const fileBlock = configs.find((f) => f.broker.tls?.clientCertFile || f.broker.tls?.clientKeyFile)?.broker.tls;
  const clientFromEnv = envTls.clientCertFile !== void 0 || envTls.clientKeyFile !== void 0;
  const tls = strip({
    caFile: envPath(envTls.caFile) ?? fromFiles("caFile"),
    caDir: envPath(envTls.caDir, true) ?? fromFiles("caDir"),
    clientCertFile: clientFromEnv ? envCert : fileBlock?.clientCertFile,
    clientKeyFile: clientFromEnv ? envKey : fileBlock?.clientKeyFile,
    disableVerification: envTls.disableVerification ?? fromFiles("disableVerification")
  });
  return Object.keys(tls).length > 0 ? tls : void 0;
}
function dirSource(d) {
  if (d.rule === "cli" || d.rule === "env" || d.rule === "config") return d.source;
  if (d.source.kind === "default") return d.source;
  const base = d.source.kind === "env" ? `$${d.source.name}` : d.rule;
  return { kind: "default", detail: `${d.rule} (${base})` };
}
function unreadable(ref, error, explicitSource) {
  const code = error?.code;
  const why = typeof code === "string" ? code : error instanceof Error ? error.message : String(error);
  const set = ref.role === "explicit" && explicitSource ? ` (${setBy(explicitSource)})` : "";
  return diagnostic3(
    "config-unreadable",
    "error",
    `The ${ref.role} configuration file ${ref.path}${set} exists but cannot be read (${why}); it is ignored.`,
    {
      hint: "Check the file permissions, or move the file away.",
      source: ref.role === "explicit" && explicitSource ? explicitSource : { kind: ref.role, file: ref.path }
    }
  );
}
function setBy(source) {
  return source.kind === "cli" || source.kind === "env" ? `set by ${source.name}` : "set explicitly";
}
var IDENT_NAME = /^[a-z][a-z0-9]*$/i;
function identConfig(name, configs, env, os) {
  const lower = name.toLowerCase();
  if (!IDENT_NAME.test(name) || lower === "pact" || lower === "broker") {
    throw new PactConfigError(
      diagnostic3(
        "ident-invalid",
        "error",
        lower === "pact" || lower === "broker" ? `'${name}' is the RFC's own table, not an ident.` : `'${name}' is not an ident: use letters and digits, starting with a letter.`,
        {
          hint: lower === "pact" || lower === "broker" ? `Read [${lower}] through the result's ${lower} property.` : "Use your tool's identifier, such as ruby, net or js."
        }
      )
    );
  }
  const tables = [];
  for (let i = configs.length - 1; i >= 0; i--) {
    const table = configs[i].idents.get(lower);
    if (table) tables.push(table);
  }
  const vars = identVariables(env, lower.toUpperCase(), { os });
  const merge = (sources2) => {
    const values = /* @__PURE__ */ Object.create(null);
    for (const table of tables) overlay(values, sources2, table);
    for (const key of Object.keys(vars.values)) {
      define(values, key, vars.values[key]);
      if (sources2) {
        dropUnder(sources2, key);
        sources2[key] = { kind: "env", name: vars.names[key] ?? key };
      }
    }
    return values;
  };
  let sources;
  return {
    values: merge(void 0),
    get sources() {
      if (!sources) {
        sources = /* @__PURE__ */ Object.create(null);
        merge(sources);
      }
      return sources;
    },
    diagnostics: vars.diagnostics
  };
}
function overlay(target, sources, layer) {
  const walk = (into, from, prefix) => {
    for (const key of Object.keys(from)) {
      const dotted = prefix + key;
      const v = from[key];
      const have = into[key];
      if (isTable(v) && isTable(have)) {
        if (sources) {
          const s = layer.sources[dotted];
          if (s) sources[dotted] = s;
        }
        walk(have, v, `${dotted}.`);
        continue;
      }
      define(into, key, clone(v));
      if (sources) {
        if (have !== void 0) dropUnder(sources, dotted);
        const s = layer.sources[dotted];
        if (s) sources[dotted] = s;
        if (isTable(v)) copySources(layer.sources, sources, dotted);
      }
    }
  };
  walk(target, layer.values, "");
}
function copySources(from, to, prefix) {
  for (const k of Object.keys(from)) if (k.startsWith(`${prefix}.`)) to[k] = from[k];
}
function dropUnder(sources, dotted) {
  for (const k of Object.keys(sources))
    if (k === dotted || k.startsWith(`${dotted}.`)) delete sources[k];
}
function define(target, key, value) {
  target[key] = value;
}
function clone(value) {
  if (Array.isArray(value)) return value.map(clone);
  if (!isTable(value)) return value;
  const out = /* @__PURE__ */ Object.create(null);
  for (const key of Object.keys(value)) define(out, key, clone(value[key]));
  return out;
}
function flatten(table, path, emit) {
  for (const key of Object.keys(table)) {
    const v = table[key];
    const q = [...path, key];
    if (isTable(v)) flatten(v, q, emit);
    else emit(q.join("."), v);
  }
}
function strip(o) {
  const out = {};
  for (const k of Object.keys(o)) if (o[k] !== void 0) out[k] = o[k];
  return out;
}
export {
  MAX_CONFIG_BYTES,
  MAX_CONFIG_DEPTH,
  RESERVED_KEYS,
  findLocalConfig,
  findLocalConfigAsync,
  loadConfig,
  loadConfigSync,
  locateKeys,
  parseConfigFile
};
