import { openDatabase, migrateDatabase } from './src/db/index.js';
import { seedDemoCatalog, listPlans } from './src/modules/catalog/service.js';
import { systemClock } from './src/kernel/clock.js';
import { createScratchPostgres } from './test/helpers/databases.js';
const s = await createScratchPostgres();
const db = await openDatabase({ kind: 'postgres', url: s.url });
await migrateDatabase(db);
await seedDemoCatalog(db.db, systemClock);
const time = async (label: string, fn: () => Promise<unknown>, n = 1000) => {
  for (let i = 0; i < 100; i++) await fn();
  const t = performance.now();
  for (let i = 0; i < n; i++) await fn();
  console.log(label, ((performance.now() - t) / n).toFixed(3), 'ms');
};
await time('listPlans service', () => listPlans(db.db, 'en', {}, { limit: 20 }));
await time('listPlans + stringify', async () =>
  JSON.stringify(await listPlans(db.db, 'en', {}, { limit: 20 })),
);
await time('raw join', () =>
  db.query(
    'select * from catalog_plans p left join catalog_carriers c on c.id = p.carrier_id where p.active order by p.id limit 21',
  ),
);
await db.close();
await s.drop();
