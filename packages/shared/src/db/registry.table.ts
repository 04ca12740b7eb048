import type { ColumnType, Generated } from 'kysely';
import type { TLineValues } from '../domain/engine/engine-types.js';

export type TLocalized = { be: string; ru: string; en: string };
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface ElectionTable {
  id: Generated<number>;
  code: string;
  name: ColumnType<TLocalized, string, string>;
  qr_format: Generated<string>;
  /** ISO 3166 code of the country whose national phone numbers voters type; null: none. */
  country: Generated<string | null>;
  definition_sha256: string;
  /** The comparison policy (TPolicy); null means the default policy. */
  policy: ColumnType<unknown | null, string | null | undefined, string | null>;
  /** When an admin published the report to the public (no account); null: not public. */
  published_at: Date | null;
  created_at: Timestamp;
}

export interface FormTemplateTable {
  id: Generated<number>;
  election_id: number;
  lines: ColumnType<TStoredFormLine[], string, string>;
  relations: ColumnType<TStoredRelation[], string, string>;
}

export type TStoredFormLine = {
  key: string;
  number: number;
  label: TLocalized;
  candidate?: string | undefined;
};
export type TStoredRelation = {
  text: string;
  op: 'eq' | 'le' | 'ge';
  terms: { key: string; coef: number }[];
  constant: number;
};

export interface CandidateTable {
  id: Generated<number>;
  election_id: number;
  key: string;
  name: ColumnType<TLocalized, string, string>;
  position: number;
}

export interface RegionTable {
  id: Generated<number>;
  election_id: number;
  parent_id: number | null;
  name: string;
  path: string;
  depth: number;
}

export interface StationTable {
  id: Generated<number>;
  election_id: number;
  region_id: number;
  code: string;
  name_be: string;
  name_ru: string;
  address_be: string;
  address_ru: string;
  /** null: not published; never 0 for unknown. */
  voters_on_list: number | null;
}

export interface OfficialImportTable {
  id: Generated<number>;
  election_id: number;
  source_name: string;
  file_sha256: string;
  rows_total: number;
  rows_changed: number;
  created_at: Timestamp;
}

export interface OfficialResultTable {
  id: Generated<string>;
  election_id: number;
  station_id: number;
  version: number;
  line_values: ColumnType<TLineValues, string, string>;
  import_id: number;
  created_at: Timestamp;
}
