import { posix, win32 } from 'node:path';
import type { Os } from '@pact-config/env';

/** The path functions pact-config uses, for one OS's rules. */
export type OsPath = Pick<
  typeof posix,
  'sep' | 'join' | 'normalize' | 'isAbsolute' | 'parse' | 'dirname' | 'basename'
>;

/**
 * The path rules of the target OS, never of the machine running the code:
 * Windows rules for `windows`, POSIX rules for the others.
 */
export function pathApi(os: Os): OsPath {
  return os === 'windows' ? win32 : posix;
}
