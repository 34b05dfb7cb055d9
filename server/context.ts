// What every resolver receives. Built per request in server/yoga.ts, so loaders never share
// cached results between requests.
import type { Config } from './config.js';
import type { Db } from './db/driver.js';

export interface GraphQLContext {
  db: Db;
  config: Config;
}
