import type { MigrationInterface, QueryRunner } from 'typeorm';

// A fourth kind of administration: the city states Berlin, Hamburg and Bremen are a city and a Land at
// once ("municipalities like mine" treats them as related to both; see similarity.ts).
export class AdministrationKindCityState1763700101000 implements MigrationInterface {
  name = 'AdministrationKindCityState1763700101000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE administrations DROP CONSTRAINT administrations_kind_check`);
    await q.query(`ALTER TABLE administrations ADD CONSTRAINT administrations_kind_check
      CHECK (kind IN ('municipality', 'county', 'city_state', 'state_agency', 'association', 'partner'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    // A city state becomes a municipality again (the nearest older kind) so the old check holds.
    await q.query(`UPDATE administrations SET kind = 'municipality' WHERE kind = 'city_state'`);
    await q.query(`ALTER TABLE administrations DROP CONSTRAINT administrations_kind_check`);
    await q.query(`ALTER TABLE administrations ADD CONSTRAINT administrations_kind_check
      CHECK (kind IN ('municipality', 'county', 'state_agency', 'association', 'partner'))`);
  }
}
