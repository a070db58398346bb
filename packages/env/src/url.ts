// The credentials run to the last '@' before the path, query or fragment, as the URL parser
// (and broker-auth's checkBaseUrl) reads them: a password may hold a raw '@' or a space.
const USERINFO = /^((?:[a-z][a-z0-9+.-]*:\/\/)?)([^/?#]*)@/i;

/** Whether a URL (with or without its protocol) holds credentials: `https://user:pw@host`. */
export function hasUrlCredentials(text: string): boolean {
  return USERINFO.test(text);
}

/**
 * A URL as it may be shown: the password inside it (or a lone user part,
 * which is often a token) replaced by `********`. Everything else is kept.
 *
 * @example
 * ```ts
 * redactUrl('https://ci:s3cr3t@broker.example/pb'); // 'https://ci:********@broker.example/pb'
 * redactUrl('https://t0k3n@broker.example');        // 'https://********@broker.example'
 * redactUrl('https://broker.example');              // unchanged
 * ```
 */
export function redactUrl(text: string): string {
  return text.replace(USERINFO, (_all, scheme: string, info: string) => {
    const colon = info.indexOf(':');
    return `${scheme}${colon < 0 ? '********' : `${info.slice(0, colon)}:********`}@`;
  });
}
