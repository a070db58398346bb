/**
 * Where a URL's credentials may be, for showing it: from the start of its authority (after
 * the first `//`, else the start of the text) to the text's last `@`. Wider than the URL
 * parser's userinfo on purpose: a password may hold an unencoded `/`, `?`, `#` or a space,
 * and the text may be quoted or lack a slash; masking too much here is harmless (such a base
 * URL is refused anyway, D49), showing a piece of a password is not.
 */
function credentialSpan(text: string): { start: number; end: number } | undefined {
  const at = text.lastIndexOf('@');
  if (at < 0) return undefined;
  const slashes = text.indexOf('//');
  return { start: slashes >= 0 && slashes < at ? slashes + 2 : 0, end: at };
}

/** Whether a URL (with or without its protocol) may hold credentials: any `@` in it. */
export function hasUrlCredentials(text: string): boolean {
  return text.includes('@');
}

/**
 * A URL as it may be shown: the password inside it (or a lone user part,
 * which is often a token) replaced by `********`. The credentials run from the
 * start of the authority to the last `@`; a user name before a `:` is kept.
 *
 * @example
 * ```ts
 * redactUrl('https://ci:s3cr3t@broker.example/pb'); // 'https://ci:********@broker.example/pb'
 * redactUrl('https://t0k3n@broker.example');        // 'https://********@broker.example'
 * redactUrl('https://ci:pa/ss@broker.example');     // 'https://ci:********@broker.example'
 * redactUrl('https://broker.example');              // unchanged
 * ```
 */
export function redactUrl(text: string): string {
  const span = credentialSpan(text);
  if (span === undefined) return text;
  const info = text.slice(span.start, span.end);
  const colon = info.indexOf(':');
  const shown = colon < 0 ? '********' : `${info.slice(0, colon)}:********`;
  return text.slice(0, span.start) + shown + text.slice(span.end);
}
