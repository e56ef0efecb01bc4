/** Every TypeORM entity of the application (features add theirs here). */
export const ENTITIES: Function[] = [];
