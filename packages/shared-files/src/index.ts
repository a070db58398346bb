/**
 * @module
 * The Pact data home in practice (RFC "Shared Files", "Drawbacks"): find and
 * create the data home and plugin directory, report a legacy `~/.pact`, list
 * installed plugins, and migrate `~/.pact` to the RFC's locations.
 */
export {
  type DirFs,
  type EnsureDirOptions,
  type EnsureDirResult,
  type EnsureSharedDirsResult,
  ensureDir,
  ensureSharedDirs,
  OWNER_ONLY,
} from './create.js';
export {
  type DetectLegacyOptions,
  detectLegacyPactDir,
  type LegacyDetection,
  type LegacyPactDir,
} from './legacy.js';
export {
  isExplicit,
  type LayeredDirectories,
  probeOf,
  type SharedLocations,
  sharedLocations,
} from './locations.js';
export {
  type MigrateOptions,
  type MigrationAction,
  type MigrationEvent,
  type MigrationPlan,
  type MigrationStep,
  migrateLegacyPactDir,
} from './migrate.js';
export {
  compareVersions,
  type InstalledPlugin,
  type ListPluginsOptions,
  LOGS_DIR,
  listPlugins,
  MANIFEST_NAME,
  MAX_MANIFEST_BYTES,
  type ManifestResult,
  type PluginDependency,
  type PluginList,
  type PluginListFs,
  type PluginManifest,
  parseManifest,
} from './plugins.js';
