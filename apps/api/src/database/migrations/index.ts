import { Init1764000000000 } from './1764000000000-Init';

/** Every migration, in order. A new migration is added here; a committed one is never edited. */
export const MIGRATIONS = [Init1764000000000];
