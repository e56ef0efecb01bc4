import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC_KEY = 'pacer:isPublic';
/** Marks a route as reachable without a token (login, health). Everything else is denied by default. */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);
