export { createApp, type AppOptions } from "./app.js";
export { openDatabase, migrate, type Db } from "./db/open.js";
export { createAppspace, addKey, type CreatedAppspace, type CreateAppspaceOptions } from "./appspaces/create-appspace.js";
export { watchRatesFile, staticRates, readRatesFile, DEFAULT_RATES_FILE, type RatesTable, type RatesSource } from "./currency/rates.js";
export { TallyError } from "./errors.js";
