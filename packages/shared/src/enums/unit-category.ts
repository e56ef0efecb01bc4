/** Built-in unit categories; a plan may also use custom category codes. */
export const UnitCategory = {
  County: 'county',
  Department: 'department',
  Town: 'town',
  Park: 'park',
  TaskForce: 'task_force',
} as const;
export type UnitCategory = (typeof UnitCategory)[keyof typeof UnitCategory];
export const UNIT_CATEGORIES: readonly UnitCategory[] = Object.values(UnitCategory);
