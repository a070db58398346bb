/**
 * @module
 * The Pact configuration RFC's environment variables, the runtime host, and
 * the values every pact-config package shares: diagnostics, sources and secrets.
 */
export {
  type Diagnostic,
  dedupeDiagnostics,
  describeSource,
  diagnostic,
  formatDiagnostic,
  PactConfigError,
  type Severity,
  type Source,
  type Sourced,
  type SourceKind,
} from './diagnostic.js';
export {
  type EnvRecord,
  envGetter,
  type Host,
  type HostFs,
  type HostStat,
  homeFromEnv,
  OSES,
  type Os,
  osFromPlatform,
  type RuntimeHost,
  type RuntimeInfo,
  runtimeHost,
  runtimeInfo,
} from './host.js';
export { type IdentVariables, identVariables } from './ident.js';
export { type MemoryFiles, memoryFs } from './memory-fs.js';
export { isSecret, Secret } from './secret.js';
export { hasUrlCredentials, redactUrl } from './url.js';
export {
  type BrokerEnv,
  emptyDiagnostic,
  PACT_VARIABLES,
  type PactEnv,
  type PactEnvResult,
  parseBooleanText,
  readPactEnv,
  readVariable,
  rulesEnv,
  type TlsEnv,
  type VariableInfo,
} from './variables.js';
export {
  BRANCH_VARIABLES,
  BUILD_URL_VARIABLES,
  COMMIT_VARIABLES,
  type GitRunner,
  type VersionProperties,
  type VersionProperty,
  type VersionSource,
  versionProperties,
} from './version-info.js';
