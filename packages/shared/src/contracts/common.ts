/** Decimal text, e.g. '3000000' or '12.5'; money is always in 万元 unless the name says otherwise. */
export type DecimalString = string;
/** `YYYY-MM` */
export type MonthString = string;
/** `YYYY-MM-DD` */
export type DateString = string;
/** ISO-8601 instant. */
export type Timestamp = string;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Editable records carry their version; a write sends it back and a stale one answers 409. */
export interface Versioned {
  version: number;
}
