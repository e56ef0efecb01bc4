import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';

import { parseEnv } from '../../config/env.schema';
import type { UsersService } from '../users/users.service';

/** What UsersService.loadPrincipal reads. */
type PrincipalRecord = NonNullable<Awaited<ReturnType<UsersService['loadPrincipal']>>>;

/** The channel the migration's triggers announce principal changes on (1765590000000-PrincipalChangeNotify). */
export const PRINCIPAL_CHANNEL = 'pacer_principal';
/** The listener's connection shows under this name in pg_stat_activity. */
export const PRINCIPAL_LISTENER_NAME = 'pacer-principal-listener';

export interface PrincipalCacheOptions {
  /** PACER_PRINCIPAL_CACHE: off = the database is read on every request. */
  enabled: boolean;
  /** Most principals kept; past it the cache starts over. */
  maxEntries: number;
  /** How often an idle listener's connection is checked (a silent network loss must not keep a stale cache). */
  heartbeatMs: number;
  /** Longest wait for the listening connection's round trip before a request reads the database instead. */
  syncTimeoutMs: number;
  /** Reconnection delays after losing the listener: from the first, doubling up to the last. */
  retryMs: { first: number; max: number };
}

export const PRINCIPAL_CACHE_OPTIONS = Symbol('PRINCIPAL_CACHE_OPTIONS');

export function loadPrincipalCacheOptions(): PrincipalCacheOptions {
  return {
    enabled: parseEnv(process.env).PACER_PRINCIPAL_CACHE,
    maxEntries: 10_000,
    heartbeatMs: 10_000,
    syncTimeoutMs: 2_000,
    retryMs: { first: 500, max: 30_000 },
  };
}

/**
 * The signed-in users' principals (roles, units, scope, session family alive) kept between requests, in this process.
 * The profile of an authenticated request put this read on every request (docs/benchmarks.md, throughput).
 *
 * AUTH-7 holds on every replica: a trigger announces every change a principal is read from on `pacer_principal`
 * (NOTIFY, sent when the change commits), and a dedicated connection LISTENs and drops the whole cache at each notice.
 * A notice travels on its own, so a request could arrive before it: before serving from memory, a request waits for a
 * round trip on the listening connection that started after the request arrived (`SELECT 1`, shared by all the
 * requests that arrived while the previous one was on its way). PostgreSQL sends a session the notices committed
 * before its query's end ahead of that query's answer (postgres.c: pending notifies before ReadyForQuery), so when
 * the round trip answers, every change committed before the request arrived has dropped the cache.
 * While that connection is not listening (not yet, lost, being re-established, a round trip failed or took longer
 * than `syncTimeoutMs`) nothing is kept or served from memory: every request reads the database, as without the
 * cache, and the cache starts empty once listening again. A read that overlapped a notice is not kept.
 */
@Injectable()
export class PrincipalCacheService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PrincipalCacheService.name);
  private readonly records = new Map<string, PrincipalRecord>();
  /** Bumped at each drop: a read that started before a drop is not kept. */
  private generation = 0;
  private client: Client | null = null;
  private listening = false;
  private stopped = false;
  private retryDelay: number;
  private retryTimer: NodeJS.Timeout | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  /** The listening connection's round trip on its way, and the one that starts when it answers. */
  private syncInFlight: Promise<void> | null = null;
  private syncQueued: Promise<void> | null = null;
  /** Counters for tests and the bench: served from memory, read and kept, read because not listening. */
  readonly stats = { hits: 0, misses: 0, bypassed: 0, drops: 0 };

  constructor(
    private readonly dataSource: DataSource,
    @Inject(PRINCIPAL_CACHE_OPTIONS) private readonly options: PrincipalCacheOptions,
  ) {
    this.retryDelay = options.retryMs.first;
  }

  /** Whether principals are served from memory now (enabled and listening). */
  get isListening(): boolean {
    return this.listening;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.enabled) return;
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.stopListening();
    await client?.end().catch(() => undefined);
  }

  /** The principal of (user, session family): from memory when listening and known, else `read()` (kept if usable). */
  async load(
    userId: number,
    familyId: string | null,
    read: () => Promise<PrincipalRecord | null>,
  ): Promise<PrincipalRecord | null> {
    if (!this.listening) {
      this.stats.bypassed += 1;
      return read();
    }
    try {
      await this.sync();
    } catch {
      this.stats.bypassed += 1;
      return read();
    }
    if (!this.listening) {
      this.stats.bypassed += 1;
      return read();
    }
    const key = `${userId}:${familyId ?? ''}`;
    const kept = this.records.get(key);
    if (kept) {
      this.stats.hits += 1;
      // a copy: a request never changes what the next one is given
      return { ...kept, roles: [...kept.roles], unitIds: [...kept.unitIds], scopeUnitIds: [...kept.scopeUnitIds] };
    }
    this.stats.misses += 1;
    const generation = this.generation;
    const record = await read();
    // only an active user with a live session is kept (a refusal is read again), and only when no change was
    // announced while it was read and the listener is still there
    if (record?.isActive && record.familyActive && this.listening && generation === this.generation) {
      if (this.records.size >= this.options.maxEntries) this.records.clear();
      this.records.set(key, { ...record, roles: [...record.roles], unitIds: [...record.unitIds], scopeUnitIds: [...record.scopeUnitIds] });
    }
    return record;
  }

  /** Forgets every kept principal (a notice, or the listener lost or back). */
  drop(): void {
    this.generation += 1;
    this.stats.drops += 1;
    this.records.clear();
  }

  /**
   * Resolves once a round trip on the listening connection that started after this call has answered (notices
   * committed before it have then been handled); rejects when the listener is lost or too slow.
   */
  private sync(): Promise<void> {
    if (!this.syncInFlight) return this.startSync();
    this.syncQueued ??= this.syncInFlight
      .catch(() => undefined)
      .then(() => {
        this.syncQueued = null;
        return this.startSync();
      });
    return this.syncQueued;
  }

  private startSync(): Promise<void> {
    const client = this.client;
    if (!client || !this.listening) return Promise.reject(new Error('not listening'));
    const roundTrip = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        const error = new Error(`no answer within ${this.options.syncTimeoutMs} ms`);
        this.lost(client, error);
        reject(error);
      }, this.options.syncTimeoutMs);
      client.query('SELECT 1').then(
        () => {
          clearTimeout(timer);
          resolve();
        },
        (error: Error) => {
          clearTimeout(timer);
          this.lost(client, error);
          reject(error);
        },
      );
    });
    this.syncInFlight = roundTrip;
    const clear = () => {
      if (this.syncInFlight === roundTrip) this.syncInFlight = null;
    };
    roundTrip.then(clear, clear);
    return roundTrip;
  }

  private async connect(): Promise<void> {
    const options = this.dataSource.options as PostgresDataSourceOptions;
    const extra = (options.extra ?? {}) as { options?: string };
    const client = new Client({
      connectionString: options.url,
      application_name: PRINCIPAL_LISTENER_NAME,
      keepAlive: true,
      ...(extra.options ? { options: extra.options } : {}),
    });
    client.on('notification', (message) => {
      if (message.channel === PRINCIPAL_CHANNEL) this.drop();
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${PRINCIPAL_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      this.lost(client, error as Error, true);
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    // whatever changed while nobody listened is unknown: start empty
    this.drop();
    this.client = client;
    this.listening = true;
    this.retryDelay = this.options.retryMs.first;
    this.heartbeatTimer = setInterval(() => this.heartbeat(client), this.options.heartbeatMs);
    this.heartbeatTimer.unref();
  }

  private heartbeat(client: Client): void {
    const timeout = setTimeout(() => this.lost(client, new Error('heartbeat timed out')), this.options.heartbeatMs);
    timeout.unref();
    client.query('SELECT 1').then(
      () => clearTimeout(timeout),
      (error: Error) => {
        clearTimeout(timeout);
        this.lost(client, error);
      },
    );
  }

  private stopListening(): void {
    this.listening = false;
    this.client = null;
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
    this.drop();
  }

  /** The listener is gone (or never came): serve nothing from memory, reconnect after a growing delay. */
  private lost(client: Client, error?: Error, neverListened = false): void {
    if (!neverListened && this.client !== client) return;
    if (this.client === client) {
      this.stopListening();
      client.end().catch(() => undefined);
    }
    if (this.stopped || this.retryTimer) return;
    this.logger.warn(
      `principal cache bypassed: the change listener is ${neverListened ? 'not connected' : 'lost'}` +
        `${error ? ` (${error.message})` : ''}; retrying in ${this.retryDelay} ms`,
    );
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, this.retryDelay);
    this.retryTimer.unref();
    this.retryDelay = Math.min(this.retryDelay * 2, this.options.retryMs.max);
  }
}
