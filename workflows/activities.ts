// Every activity the worker serves, built from the worker's dependencies.
import type { MikroORM } from '../platform/database/orm.ts';
import { createSystemCheckActivities } from './system-check/activities.ts';

export interface ActivityDeps {
  orm: MikroORM;
}

export function createActivities(deps: ActivityDeps) {
  return {
    ...createSystemCheckActivities(deps),
  };
}
