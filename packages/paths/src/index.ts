/**
 * @module
 * OS locations and path-value rules of the Pact configuration RFC, pure over
 * `(os, env, home)`: Windows and macOS rules are computed on any machine.
 */
export {
  type Candidate,
  type Candidates,
  type ConfigFileLocation,
  type DirectoryLocation,
  dataHomeCandidates,
  FALLBACK_DIR,
  LOCAL_CONFIG_NAMES,
  type LocateConfigOptions,
  type LocateDataHomeOptions,
  type LocatePluginDirOptions,
  type LocationRule,
  locateConfigFile,
  locateDataHome,
  locatePluginDir,
  PACT_DIR,
  type PathContext,
  type PathKind,
  PLUGINS_DIR,
  type Probe,
  USER_CONFIG_NAME,
  userConfigCandidates,
} from './locations.js';
export { type OsPath, pathApi } from './os-path.js';
export {
  type PathOrigin,
  type PathValueContext,
  type PathValueResult,
  resolveIn,
  resolvePathValue,
} from './path-value.js';
