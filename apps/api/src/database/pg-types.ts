import { types } from 'pg';

// `date` columns stay 'YYYY-MM-DD' strings: pg would make a local-midnight Date and a month could shift.
types.setTypeParser(types.builtins.DATE, (value: string) => value);
// numeric and bigint already arrive as strings (exact); keep it that way on purpose.
