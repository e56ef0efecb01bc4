// The users module's types for the modules that draw on it (auth, api-docs): types only.
export type { PrincipalRecord, UserRecord } from './users.repository';
