import { type Diagnostic, formatDiagnostic, isSecret, type Source } from '../index.js';

/** Where the command writes, and whether each stream takes colour. */
export interface Io {
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * Colour is used when `FORCE_COLOR` is set (and not `0`), else never when
 * `NO_COLOR` is set (to anything but the empty string), else when the stream
 * is a terminal. See https://no-color.org and https://force-color.org.
 */
export function wantsColor(io: Io, stream: 'stdout' | 'stderr'): boolean {
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== '' && force !== '0' && force !== 'false') return true;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  return io[stream].isTTY === true;
}

const CODES = {
  red: [31, 39],
  yellow: [33, 39],
  dim: [2, 22],
  bold: [1, 22],
  cyan: [36, 39],
} as const;
export type Paint = (style: keyof typeof CODES, text: string) => string;

export function painter(on: boolean): Paint {
  return (style, text) =>
    on ? `\u001b[${CODES[style][0]}m${text}\u001b[${CODES[style][1]}m` : text;
}

export const MASK = '********';

/** A value as the command shows it: secrets masked unless asked for by name, strings quoted. */
export function showValue(value: unknown, reveal: boolean): string {
  if (isSecret(value)) return reveal ? JSON.stringify(value.reveal()) : MASK;
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value, (_k, v) => (isSecret(v) ? MASK : v)) ?? String(value);
}

/** A value for `--json`: secrets masked unless asked for by name. */
export function jsonValue(value: unknown, reveal: boolean): unknown {
  if (isSecret(value)) return reveal ? value.reveal() : MASK;
  return value;
}

/** The origin of a value, like `git config --show-origin`: `local:/p/pact.toml:3:1`, `env:NAME`. */
export function originOf(source: Source): string {
  switch (source.kind) {
    case 'cli':
    case 'env':
      return `${source.kind}:${source.name}`;
    case 'default':
      return 'default';
    default:
      return `${source.kind}:${source.file}${source.line !== undefined ? `:${source.line}:${source.column ?? 1}` : ''}`;
  }
}

/** A diagnostic for a person, coloured by severity. */
export function showDiagnostic(d: Diagnostic, paint: Paint): string {
  const text = formatDiagnostic(d);
  const label = `${d.severity}[${d.code}]`;
  const color = d.severity === 'error' ? 'red' : d.severity === 'warning' ? 'yellow' : 'dim';
  return text.replace(label, paint(color, label));
}

/** Columns padded to their widest cell. */
export function table(rows: readonly (readonly string[])[], gap = '  '): string {
  const widths: number[] = [];
  for (const row of rows) {
    for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, cell.length);
  }
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join(gap)
        .trimEnd(),
    )
    .join('\n');
}
