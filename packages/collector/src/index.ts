export { createApp, type App, type AppOptions } from "./app.js";
export { startCollector, type Collector, type CollectorOptions } from "./cli/start-collector.js";
export { createProjector, type Projector } from "./projector/projector.js";
export type { Store } from "./store.js";
export { createSqliteStore, type SqliteStore } from "./stores/sqlite/sqlite-store.js";
export {
  createPostgresStore,
  type PostgresStore,
  type PostgresStoreOptions,
} from "./stores/postgres/postgres-store.js";
export { openStore } from "./open-store.js";
export {
  createAppspace,
  addKey,
  type CreatedAppspace,
  type CreateAppspaceOptions,
} from "./appspaces/create-appspace.js";
export {
  watchRatesFile,
  staticRates,
  readRatesFile,
  DEFAULT_RATES_FILE,
  type RatesTable,
  type RatesSource,
} from "./currency/rates.js";
export { TallyError } from "./errors.js";
export { createPackageAssets } from "./assets/package-assets.js";
export type { CollectorAssets, DashboardFiles } from "./assets/collector-assets.js";
