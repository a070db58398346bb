/**
 * @module
 * pact-config: the Pact "Configuration and Shared Files" RFC in one call.
 * `loadPactConfig()` gives the effective configuration with the source of
 * every value; the packages' main functions and types are re-exported so
 * most users install only this one.
 */

export {
  type BrokerConnection,
  type BrokerFetchInit,
  basicAuthorization,
  bearerAuthorization,
  brokerFetch,
  DEFAULT_BROKER_TIMEOUT_MS,
  parseBaseUrl,
  resolveBrokerConnection,
  responseDiagnostic,
} from '@pact-config/broker-auth';
export {
  type Diagnostic,
  describeSource,
  formatDiagnostic,
  type Host,
  type HostFs,
  identVariables,
  isSecret,
  memoryFs,
  type Os,
  PactConfigError,
  readPactEnv,
  runtimeHost,
  Secret,
  type Source,
  type Sourced,
  versionProperties,
} from '@pact-config/env';
export {
  locateConfigFile,
  locateDataHome,
  locatePluginDir,
  resolvePathValue,
} from '@pact-config/paths';
export {
  detectLegacyPactDir,
  ensureSharedDirs,
  listPlugins,
  migrateLegacyPactDir,
  sharedLocations,
} from '@pact-config/shared-files';
export {
  type CliLayer,
  findLocalConfig,
  loadConfig,
  loadConfigSync,
  parseConfigFile,
} from '@pact-config/toml-config';
export {
  type BrokerSettings,
  type LoadPactConfigOptions,
  loadPactConfig,
  loadPactConfigSync,
  type PactConfig,
  type PactSettings,
} from './load.js';
