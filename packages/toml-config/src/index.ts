/**
 * @module
 * Finds, reads, validates, merges and layers the Pact configuration files
 * (TOML) of the "Configuration and Shared Files" RFC, recording where every
 * value came from.
 */
export {
  findLocalConfig,
  findLocalConfigAsync,
  type LocalConfigResult,
} from './find-local.js';
export {
  type BrokerLayers,
  type BrokerTlsLayers,
  type CliLayer,
  type CliOption,
  type IdentConfig,
  type LoadOptions,
  loadConfig,
  loadConfigSync,
  type PactConfigLayers,
} from './load.js';
export { type KeyLocations, locateKeys, type Position } from './locate-keys.js';
export {
  type BrokerAuth,
  type BrokerTlsFile,
  type ConfigFile,
  type ConfigFileRef,
  type FileRole,
  type IdentTable,
  MAX_CONFIG_BYTES,
  MAX_CONFIG_DEPTH,
  type ParsedConfigFile,
  type ParseFileOptions,
  parseConfigFile,
  RESERVED_KEYS,
} from './parse.js';
