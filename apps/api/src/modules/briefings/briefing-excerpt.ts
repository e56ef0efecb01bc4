/*
 * What the 通报 shows of a big plan (a province: groups of thousands of towns). A printed 通报 is read by leaders: a
 * bar chart or a table of thousands of units is unreadable (and a chart that tall costs seconds and gigabytes to
 * draw). A group of more than GROUP_SHOWN_LIMIT units is shown, in its chart and its table, as its first
 * EXCERPT_TOP and last EXCERPT_BOTTOM units, with a note that the attachment (.xlsx, every unit) has the rest; a
 * list of names (red lights, late or missing reports) longer than NAMES_SHOWN_LIMIT names its first ones and how
 * many there are. Up to those sizes (a county: 25 units) everything is shown, as before.
 */

/** A group of up to this many units is charted and tabled in full. */
export const GROUP_SHOWN_LIMIT = 30;
/** A bigger group shows its first … */
export const EXCERPT_TOP = 15;
/** … and its last units (by rank). */
export const EXCERPT_BOTTOM = 10;
/** A list of up to this many unit names is written in full. */
export const NAMES_SHOWN_LIMIT = 30;

/** A group's rows as the 通报 shows them: every row, or the head and the tail with the count left out. */
export interface GroupExcerpt<R> {
  head: R[];
  /** Empty when the whole group is shown. */
  tail: R[];
  /** Rows left out between head and tail (0: the whole group is shown). */
  omitted: number;
}

/** `rows` in rank order (best first). */
export function groupExcerpt<R>(rows: readonly R[]): GroupExcerpt<R> {
  if (rows.length <= GROUP_SHOWN_LIMIT) return { head: [...rows], tail: [], omitted: 0 };
  return {
    head: rows.slice(0, EXCERPT_TOP),
    tail: rows.slice(rows.length - EXCERPT_BOTTOM),
    omitted: rows.length - EXCERPT_TOP - EXCERPT_BOTTOM,
  };
}

/** 前15名和后10名 (the wording of captions and notes for a shortened group). */
export function excerptWords(): string {
  return `前${EXCERPT_TOP}名和后${EXCERPT_BOTTOM}名`;
}
