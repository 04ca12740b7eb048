import { sql, type Kysely } from 'kysely';

// The election registry: what an admin defines before any evidence arrives.
// Frozen in time: never edit a migration that has shipped; add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('election')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'jsonb', (c) => c.notNull())
    .addColumn('qr_format', 'text', (c) => c.notNull().defaultTo('crosstally-v1'))
    .addColumn('definition_sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('election_code_uq', ['code'])
    .execute();

  await db.schema
    .createTable('form_template')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('election_id', 'integer', (c) => c.notNull().references('election.id').onDelete('cascade'))
    .addColumn('lines', 'jsonb', (c) => c.notNull())
    .addColumn('relations', 'jsonb', (c) => c.notNull())
    .addUniqueConstraint('form_template_election_uq', ['election_id'])
    .execute();

  await db.schema
    .createTable('candidate')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('election_id', 'integer', (c) => c.notNull().references('election.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('name', 'jsonb', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('candidate_election_key_uq', ['election_id', 'key'])
    .execute();

  await db.schema
    .createTable('region')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('election_id', 'integer', (c) => c.notNull().references('election.id').onDelete('cascade'))
    .addColumn('parent_id', 'integer', (c) => c.references('region.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    // The full path ("Minsk/Frunzensky") makes subtree queries a prefix match (issue: region scopes).
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addUniqueConstraint('region_election_path_uq', ['election_id', 'path'])
    .execute();
  await db.schema.createIndex('region_parent_idx').on('region').column('parent_id').execute();

  await db.schema
    .createTable('station')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('election_id', 'integer', (c) => c.notNull().references('election.id').onDelete('cascade'))
    .addColumn('region_id', 'integer', (c) => c.notNull().references('region.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name_be', 'text', (c) => c.notNull())
    .addColumn('name_ru', 'text', (c) => c.notNull())
    .addColumn('address_be', 'text', (c) => c.notNull())
    .addColumn('address_ru', 'text', (c) => c.notNull())
    .addColumn('voters_on_list', 'integer', (c) => c.notNull())
    .addUniqueConstraint('station_election_code_uq', ['election_id', 'code'])
    .execute();
  await db.schema.createIndex('station_region_idx').on('station').column('region_id').execute();

  await db.schema
    .createTable('official_import')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('election_id', 'integer', (c) => c.notNull().references('election.id').onDelete('cascade'))
    .addColumn('source_name', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('rows_total', 'integer', (c) => c.notNull())
    .addColumn('rows_changed', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Versioned: an import that changes a station's numbers adds a version; old ones stay,
  // because a revision after first publication is itself evidence.
  await db.schema
    .createTable('official_result')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('election_id', 'integer', (c) => c.notNull().references('election.id').onDelete('cascade'))
    .addColumn('station_id', 'integer', (c) => c.notNull().references('station.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('line_values', 'jsonb', (c) => c.notNull())
    .addColumn('import_id', 'integer', (c) => c.notNull().references('official_import.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('official_result_station_version_uq', ['station_id', 'version'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'official_result',
    'official_import',
    'station',
    'region',
    'candidate',
    'form_template',
    'election',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
